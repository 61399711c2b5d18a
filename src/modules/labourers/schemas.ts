import { z } from "@hono/zod-openapi";
import { PUSH_CHANNELS } from "../../lib/enums";
import { PageQuery } from "../../lib/http";

export const PersonTypeSchema = z.enum(["tuopin", "monitored", "other"]).openapi({
  description: "人员类别：tuopin 脱贫人口，monitored 防止返贫监测对象，other 其他",
  example: "tuopin",
});
export const LabourCapacitySchema = z.enum(["full", "half", "weak", "none"]).openapi({
  description: "劳动能力：full 全劳动力，half 半劳动力，weak 弱劳动力，none 无劳动力",
  example: "full",
});
export const WorkIntentionSchema = z
  .enum(["none", "local", "in_province", "out_province"])
  .openapi({
    description:
      "务工意愿：none 暂无，local 就近就业，in_province 区内务工，out_province 区外（主要赴粤）务工",
    example: "out_province",
  });
export const EmploymentStatusSchema = z
  .enum(["unemployed", "local", "in_province", "out_province", "flexible", "public_welfare"])
  .openapi({
    description:
      "就业状态：unemployed 未就业，local 本地就业，in_province 区内务工，out_province 区外务工，flexible 灵活就业，public_welfare 公益性岗位",
    example: "unemployed",
  });
export const PushChannelSchema = z.enum(PUSH_CHANNELS).openapi({
  description: "岗位推送方式：wechat 微信优先（微信收不到时发短信），sms 只发短信",
  example: "wechat",
});
export const WageUnitSchema = z
  .enum(["day", "month", "piece"])
  .openapi({ description: "计薪单位：day 按日，month 按月，piece 计件", example: "month" });

const ExpectedWage = z
  .object({
    amountFen: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .openapi({ description: "期望工资（分）", example: 450000 }),
    unit: WageUnitSchema,
  })
  .openapi("ExpectedWage");

const Tags = (example: string[]) => z.array(z.string().max(30)).max(20).openapi({ example });
const Text = (max: number, example: string) => z.string().max(max).openapi({ example });

const editable = {
  phone: z.string().max(20).nullable().openapi({
    description: "手机号；可带 +86、空格或全角数字；填 null 清除",
    example: "138 0771 2345",
  }),
  householdId: z.uuid().nullable().openapi({
    description: "所在户（先登记户）",
    example: "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
  }),
  relationToHead: Text(20, "之子")
    .nullable()
    .openapi({ description: "与户主关系：户主、配偶、之子、之女……" }),
  keyAssistance: z
    .boolean()
    .openapi({ description: "重点帮扶对象；有所在户时按户认定，无需填写", example: true }),
  resettlementSiteName: Text(60, "恭城镇茶江安置区")
    .nullable()
    .openapi({ description: "易地扶贫搬迁安置点名称" }),
  resettlementSiteCode: Text(32, "GC-AZ-01").nullable().openapi({ description: "安置点编号" }),
  workIntention: WorkIntentionSchema,
  preferredCityCodes: z
    .array(z.string().max(12))
    .max(21)
    .openapi({ description: "意向广东地级市代码（4 位或 6 位）", example: ["4403", "441900"] }),
  skills: Tags(["电焊", "普通话"]).openapi({ description: "技能" }),
  occupations: Tags(["建筑工人"]).openapi({ description: "从事过或意向的工种" }),
  expectedWage: ExpectedWage.nullable(),
  employmentStatus: EmploymentStatusSchema,
  employmentSince: z.iso
    .date()
    .nullable()
    .openapi({ description: "当前就业状态的开始日期", example: "2025-03-01" }),
  assignedCadreUserId: z
    .uuid()
    .nullable()
    .openapi({ description: "负责的帮扶干部账号；帮扶干部登记时默认本人" }),
  contactConsent: z.boolean().openapi({ description: "同意接收岗位推送与联系", example: true }),
};

export const CreateLabourerBody = z
  .object({
    name: z.string().min(1).max(30).openapi({ example: "莫秀英" }),
    idNumber: z.string().min(1).max(30).openapi({
      description: "居民身份证号码（18 位；旧 15 位自动升位）",
      example: "450332199003150015",
    }),
    personType: PersonTypeSchema,
    labourCapacity: LabourCapacitySchema,
    villageCode: z.string().max(12).optional().openapi({
      description: "户籍所在村（社区）12 位代码；选择所在户时可不填",
      example: "450332102201",
    }),
    ...editable,
    phone: editable.phone.optional(),
    householdId: editable.householdId.optional(),
    relationToHead: editable.relationToHead.optional(),
    keyAssistance: editable.keyAssistance.optional(),
    resettlementSiteName: editable.resettlementSiteName.optional(),
    resettlementSiteCode: editable.resettlementSiteCode.optional(),
    workIntention: editable.workIntention.default("none"),
    preferredCityCodes: editable.preferredCityCodes.optional(),
    skills: editable.skills.optional(),
    occupations: editable.occupations.optional(),
    expectedWage: editable.expectedWage.optional(),
    employmentStatus: editable.employmentStatus.default("unemployed"),
    employmentSince: editable.employmentSince.optional(),
    assignedCadreUserId: editable.assignedCadreUserId.optional(),
    contactConsent: editable.contactConsent.default(false),
  })
  .openapi("CreateLabourerBody");

// Strict: a misspelt field in a PATCH would otherwise be dropped silently and "succeed".
export const UpdateLabourerBody = z
  .strictObject({
    name: z.string().min(1).max(30).openapi({ example: "莫秀英" }),
    idNumber: z
      .string()
      .min(1)
      .max(30)
      .openapi({ description: "更正身份证号码", example: "450332199003150015" }),
    personType: PersonTypeSchema,
    labourCapacity: LabourCapacitySchema,
    villageCode: z.string().max(12).openapi({ example: "450332102201" }),
    ...editable,
  })
  .partial()
  .openapi("UpdateLabourerBody", {
    example: {
      workIntention: "out_province",
      preferredCityCodes: ["4403"],
      employmentStatus: "unemployed",
    },
  });

// Strict: a labourer naming any other field (village, person type …) is told so, not silently ignored.
// `phone` stays in the schema so that sending it gets PHONE_CHANGE_NEEDS_CODE (pointing to the
// confirmed change) rather than a bare "unknown field".
export const UpdateMyProfileBody = z
  .strictObject({
    phone: z.unknown().openapi({
      type: "string",
      deprecated: true,
      description:
        "不能在此修改：提交即返回 PHONE_CHANGE_NEEDS_CODE。修改手机号请用 POST /api/v1/labourers/me/phone/code 和 POST /api/v1/labourers/me/phone",
    }),
    workIntention: WorkIntentionSchema,
    preferredCityCodes: editable.preferredCityCodes,
    skills: editable.skills,
    expectedWage: ExpectedWage.nullable(),
    contactConsent: editable.contactConsent,
    pushChannel: PushChannelSchema,
  })
  .partial()
  .openapi("UpdateMyProfileBody", {
    example: { workIntention: "local", skills: ["采茶", "油茶加工"], contactConsent: true },
  });

export const PhoneCodeBody = z
  .object({
    phone: z
      .string()
      .trim()
      .min(5)
      .max(20)
      .openapi({ description: "新手机号", example: "139 0771 6789" }),
  })
  .openapi("PhoneChangeCodeBody");

export const PhoneCodeView = z
  .object({
    sent: z.literal(true),
    expiresIn: z.number().int().openapi({ description: "验证码有效期（秒）", example: 300 }),
    message: z.string().openapi({ example: "验证码已发送到新手机号，请查看短信" }),
  })
  .openapi("PhoneChangeCodeSent");

export const PhoneChangeBody = z
  .object({
    phone: z
      .string()
      .trim()
      .min(5)
      .max(20)
      .openapi({ description: "新手机号（与获取验证码时相同）", example: "13907716789" }),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "验证码为 6 位数字")
      .openapi({ description: "发到新手机号的验证码", example: "123456" }),
  })
  .openapi("PhoneChangeBody");

const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const LabourerListQuery = PageQuery.extend({
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ description: "区划代码前缀（县、乡镇或村）", example: "450332" }),
  personType: PersonTypeSchema.optional(),
  workIntention: WorkIntentionSchema.optional(),
  employmentStatus: EmploymentStatusSchema.optional(),
  labourCapacity: LabourCapacitySchema.optional(),
  keyAssistance: boolQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "只看（或排除）重点帮扶对象",
  }),
  householdId: z.uuid().optional(),
  verified: boolQuery.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "只看已核实（true）或待核实（false）的登记",
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .optional()
    .openapi({ description: "按姓名查找（包含即可）", example: "秀英" }),
});

export const LabourerView = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: "莫秀英" }),
    idNumberMasked: z.string().openapi({ example: "450332********0015" }),
    idNumberFlags: z.array(z.enum(["region_not_current", "upgraded_from_15"])).openapi({
      description:
        "需复核的标记：region_not_current 号码前六位不是现行县级区划（旧区划码）；upgraded_from_15 由 15 位旧号码升位",
      example: [],
    }),
    sex: z.enum(["male", "female"]).openapi({ description: "性别（由身份证号码得出）" }),
    age: z.number().int().openapi({
      description: "周岁（不提供出生日期：与脱敏身份证号合起来会还原出完整号码）",
      example: 36,
    }),
    phoneMasked: z.string().nullable().openapi({ example: "138****2345" }),
    phoneSignIn: z
      .boolean()
      .openapi({ description: "能否用该手机号验证码登录（多人共用一个号码时仅最先登记者可以）" }),
    wechatBound: z.boolean(),
    householdId: z.uuid().nullable(),
    relationToHead: z.string().nullable().openapi({ example: "户主" }),
    personType: PersonTypeSchema,
    keyAssistance: z.boolean(),
    resettlementSite: z
      .object({ name: z.string().nullable(), code: z.string().nullable() })
      .nullable(),
    labourCapacity: LabourCapacitySchema,
    workIntention: WorkIntentionSchema,
    preferredCityCodes: z.array(z.string()).openapi({ example: ["4403"] }),
    skills: z.array(z.string()).openapi({ example: ["电焊"] }),
    occupations: z.array(z.string()).openapi({ example: ["建筑工人"] }),
    expectedWage: ExpectedWage.nullable(),
    employmentStatus: EmploymentStatusSchema,
    employmentSince: z.string().nullable(),
    villageCode: z.string().openapi({ example: "450332102201" }),
    assignedCadreUserId: z.uuid().nullable(),
    contactConsent: z.boolean(),
    consentAt: z.string().nullable(),
    verifiedAt: z.string().nullable().openapi({ description: "核实时间；null 为待核实" }),
    pushChannel: PushChannelSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Labourer");

export const LabourerIdentityView = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: "莫秀英" }),
    idNumber: z.string().openapi({ example: "450332199003150015" }),
    phone: z.string().nullable().openapi({ example: "13807712345" }),
  })
  .openapi("LabourerIdentity");

export type CreateLabourerInput = z.infer<typeof CreateLabourerBody>;
export type UpdateLabourerInput = z.infer<typeof UpdateLabourerBody>;
export type UpdateMyProfileInput = z.infer<typeof UpdateMyProfileBody>;
export type LabourerListInput = z.infer<typeof LabourerListQuery>;
