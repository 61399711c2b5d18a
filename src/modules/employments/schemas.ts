import { z } from "@hono/zod-openapi";

const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD").openapi({ example: "2026-12-01" });
const WageUnit = z.enum(["day", "month", "piece"]);

export const OutsideJobBody = z.object({
  labourerId: z.uuid(),
  source: z.enum(["self_found", "own_business", "dispatch", "other"])
    .openapi({ description: "self_found 自主就业 / own_business 自主创业 / dispatch 劳务派遣 / other 其他" }),
  employerName: z.string().trim().min(1).max(100).openapi({ example: "深圳市宝安区某电子厂" }),
  regionCode: z.string().trim().regex(/^\d{2,12}$/, "请填写正确的行政区划代码").openapi({ example: "440306" }),
  startDate: DateString,
  wageFen: z.int().min(0).max(100_000_000).optional().openapi({ example: 520_000 }),
  wageUnit: WageUnit.optional(),
  note: z.string().trim().max(200).optional(),
}).openapi("OutsideJobBody");
export type OutsideJobBody = z.infer<typeof OutsideJobBody>;

export const ConfirmBody = z.object({
  note: z.string().trim().min(2, "请写明核实依据").max(500)
    .openapi({ example: "已电话核实用工单位，查看劳动合同照片", description: "核实依据：合同、工资条、电话核实等" }),
}).openapi("ConfirmEmploymentBody");

export const EndBody = z.object({
  endDate: DateString,
  reason: z.enum(["contract_ended", "quit", "dismissed", "health", "family", "other"])
    .openapi({ description: "contract_ended 合同到期 / quit 本人辞职 / dismissed 被辞退 / health 身体原因 / family 家庭原因 / other 其他" }),
  note: z.string().trim().max(200).optional(),
}).openapi("EndEmploymentBody");
export type EndBody = z.infer<typeof EndBody>;

export const EmploymentView = z.object({
  id: z.uuid(),
  labourerId: z.uuid(),
  source: z.enum(["application", "self_found", "own_business", "dispatch", "other"]),
  applicationId: z.uuid().nullable(),
  jobId: z.uuid().nullable(),
  employerId: z.uuid().nullable(),
  employerName: z.string(),
  channel: z.enum(["odd_job", "workshop", "gd_gx", "public_welfare", "enterprise"]).nullable(),
  regionCode: z.string().openapi({ example: "440306" }),
  outsideGuangxi: z.boolean(),
  startDate: z.string(),
  wage: z.object({ fen: z.int(), unit: WageUnit }).nullable(),
  confirmed: z.boolean().openapi({ description: "已确认的就业才计入就业人数" }),
  confirmedAt: z.string().nullable(),
  confirmedRole: z.string().nullable(),
  confirmationNote: z.string().nullable(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Employment");

export const EmploymentPage = z.object({ items: z.array(EmploymentView), nextCursor: z.string().nullable() }).openapi("EmploymentPage");

export const EmploymentListQuery = z.object({
  labourerId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
