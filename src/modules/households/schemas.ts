import { z } from "@hono/zod-openapi";
import { PageQuery } from "../../lib/http";
import { LabourerView } from "../labourers/schemas";

export const CreateHouseholdBody = z
  .object({
    householdNo: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .openapi({ description: "户编号（与防返贫监测系统一致）", example: "4503321022010012" }),
    villageCode: z
      .string()
      .max(12)
      .openapi({ description: "所在村（社区）12 位代码", example: "450332102201" }),
    headName: z.string().min(1).max(30).openapi({ description: "户主姓名", example: "莫振华" }),
    keyAssistance: z.boolean().optional().openapi({
      description: "重点帮扶户（人均纯收入低于 1 万元）；填了人均收入可不填",
      example: true,
    }),
    incomePerCapitaFen: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .nullable()
      .optional()
      .openapi({ description: "上年度家庭人均纯收入（分）", example: 860000 }),
    resettlementSiteName: z
      .string()
      .max(60)
      .nullable()
      .optional()
      .openapi({ description: "易地扶贫搬迁安置点名称", example: "恭城镇茶江安置区" }),
    resettlementSiteCode: z
      .string()
      .max(32)
      .nullable()
      .optional()
      .openapi({ description: "安置点编号", example: "GC-AZ-01" }),
  })
  .openapi("CreateHouseholdBody");

// Strict: 户编号 and anything misspelt are refused by name rather than dropped silently.
export const UpdateHouseholdBody = z
  .strictObject({
    householdNo: z
      .unknown()
      .refine(() => false, {
        error: "户编号与防返贫监测系统一致，不能修改；如登记错误，请联系管理员核实",
      })
      .openapi({
        type: "string",
        readOnly: true,
        description: "不可修改：提交即报错（VALIDATION_FAILED，field householdNo）",
      }),
    villageCode: CreateHouseholdBody.shape.villageCode.openapi({
      description: "所在村（社区）12 位代码；只有尚无登记成员的户可以改村",
      example: "450332102201",
    }),
    headName: CreateHouseholdBody.shape.headName,
    keyAssistance: z.boolean().openapi({
      description: "重点帮扶户；同时填写人均收入时须一致。改动后全体成员随户变更",
      example: true,
    }),
    incomePerCapitaFen: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .nullable()
      .openapi({ description: "上年度家庭人均纯收入（分）；null 表示清除", example: 1_250_000 }),
    resettlementSiteName: z.string().max(60).nullable().openapi({
      description: "易地扶贫搬迁安置点名称；null 表示清除",
      example: "恭城镇茶江安置区",
    }),
    resettlementSiteCode: z
      .string()
      .max(32)
      .nullable()
      .openapi({ description: "安置点编号；null 表示清除", example: "GC-AZ-01" }),
  })
  .partial()
  .openapi("UpdateHouseholdBody", {
    example: { incomePerCapitaFen: 1_250_000, resettlementSiteName: null },
  });

const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const HouseholdListQuery = PageQuery.extend({
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ description: "区划代码前缀", example: "450332" }),
  zeroEmployment: boolQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "只看零就业家庭（有劳动能力的成员都没有就业）",
  }),
  keyAssistance: boolQuery
    .optional()
    .openapi({ type: "string", enum: ["true", "false"], description: "只看重点帮扶户" }),
  resettled: boolQuery
    .optional()
    .openapi({ type: "string", enum: ["true", "false"], description: "只看易地扶贫搬迁户" }),
  headMissing: boolQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "只看户主待补充的户（台账未标明户主，成员已登记）",
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .optional()
    .openapi({ description: "户编号或户主姓名", example: "莫振华" }),
});

export const HouseholdView = z
  .object({
    id: z.uuid(),
    householdNo: z.string().openapi({ example: "4503321022010012" }),
    villageCode: z.string().openapi({ example: "450332102201" }),
    headName: z
      .string()
      .nullable()
      .openapi({ description: "户主姓名；null 表示户主待补充", example: "莫振华" }),
    headMissing: z.boolean().openapi({
      description:
        "户主待补充：导入的台账未标明该户户主，成员已先登记；填写户主姓名或导入标明户主的台账后清除",
      example: false,
    }),
    headLabourerId: z.uuid().nullable(),
    keyAssistance: z.boolean(),
    incomePerCapitaFen: z.number().int().nullable().openapi({ example: 860000 }),
    resettlementSite: z
      .object({ name: z.string().nullable(), code: z.string().nullable() })
      .nullable(),
    memberCount: z.number().int().openapi({ description: "已登记成员数", example: 3 }),
    ableCount: z
      .number()
      .int()
      .openapi({ description: "有劳动能力（全、半、弱劳动力）的成员数", example: 2 }),
    employedCount: z
      .number()
      .int()
      .openapi({ description: "已就业成员数（含灵活就业、公益性岗位）", example: 0 }),
    zeroEmployment: z
      .boolean()
      .openapi({ description: "零就业家庭：有劳动能力的成员，但没有一人就业", example: true }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Household");

export const HouseholdDetail = HouseholdView.extend({
  members: z.array(LabourerView).openapi({ description: "已登记成员（脱敏）" }),
}).openapi("HouseholdDetail");

export type CreateHouseholdInput = z.infer<typeof CreateHouseholdBody>;
export type UpdateHouseholdInput = z.infer<typeof UpdateHouseholdBody>;
export type HouseholdListInput = z.infer<typeof HouseholdListQuery>;
