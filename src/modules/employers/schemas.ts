import { z } from "@hono/zod-openapi";
import { SessionView } from "../auth/schemas";

export const EMPLOYER_TYPES = [
  "enterprise",
  "workshop",
  "cooperative",
  "individual",
  "public_welfare",
] as const;
export type EmployerType = (typeof EMPLOYER_TYPES)[number];

export const EMPLOYER_TYPE_LABELS: Record<EmployerType, string> = {
  enterprise: "企业",
  workshop: "就业帮扶车间",
  cooperative: "农民劳务专业合作社",
  individual: "个体/零散雇主",
  public_welfare: "公益性岗位提供方",
};

export const VERIFICATION_STATUSES = ["unverified", "verified", "suspended"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_LABELS: Record<VerificationStatus, string> = {
  unverified: "待审核",
  verified: "已认证",
  suspended: "已暂停",
};

const EmployerTypeSchema = z.enum(EMPLOYER_TYPES).openapi({
  description:
    "enterprise 企业；workshop 就业帮扶车间；cooperative 农民劳务专业合作社；individual 个体/零散雇主；public_welfare 公益性岗位提供方（村委会等）",
  example: "workshop",
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** The organisation's own fields, shared by self-registration and creation by bureau staff. */
export const EmployerFields = z.object({
  name: text(100).openapi({ example: "恭城县莲花镇竹编就业帮扶车间" }),
  type: EmployerTypeSchema,
  creditCode: z.string().trim().max(40).optional().openapi({
    description:
      "统一社会信用代码（18 位）。企业、帮扶车间、合作社必填；个体/零散雇主、公益性岗位提供方可不填，以联系电话识别",
    example: "92450332MA5L8XXXXX",
  }),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, "请填写县级或以下的行政区划代码")
    .openapi({
      description: "所在地行政区划代码，县级或以下（450332、450332100、450332100201 均可）",
      example: "450332100",
    }),
  address: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ example: "恭城瑶族自治县莲花镇竹山村 12 号" }),
  contactName: text(30).openapi({ example: "黄秀英" }),
  contactPhone: z.string().trim().min(5).max(20).openapi({ example: "138 0773 2345" }),
  workshopCertificateNo: z.string().trim().max(60).optional().openapi({
    description: "就业帮扶车间认定编号（type=workshop 时必填）",
    example: "恭人社帮扶车间〔2023〕第 015 号",
  }),
  workshopCertifiedBy: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "认定县须为 6 位县级代码")
    .optional()
    .openapi({
      description: "认定该车间的县（区）代码；不填时取所在地的县",
      example: "450332",
    }),
});
export type EmployerFieldsInput = z.infer<typeof EmployerFields>;

export const CreateEmployerBody = EmployerFields.openapi("CreateEmployerBody");

export const RegisterEmployerBody = EmployerFields.extend({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,64}$/, "用户名为 3-64 位字母、数字或 _ . -")
    .openapi({ example: "lianhua_zhubian" }),
  password: z.string().min(10, "密码至少 10 位").max(200),
}).openapi("RegisterEmployerBody");
export type RegisterEmployerInput = z.infer<typeof RegisterEmployerBody>;

export const UpdateEmployerBody = z
  .object({
    name: text(100).optional().openapi({ description: "仅工作人员可修改" }),
    address: z.string().trim().max(200).nullable().optional(),
    contactName: text(30).optional(),
    contactPhone: z.string().trim().min(5).max(20).optional(),
    workshopCertificateNo: z.string().trim().max(60).optional(),
    workshopCertifiedBy: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "认定县须为 6 位县级代码")
      .optional(),
  })
  .openapi("UpdateEmployerBody");
export type UpdateEmployerInput = z.infer<typeof UpdateEmployerBody>;

export const VerifyEmployerBody = z
  .object({
    note: z.string().trim().max(200).optional().openapi({ example: "已核验营业执照原件" }),
  })
  .openapi("VerifyEmployerBody");

export const SuspendEmployerBody = z
  .object({
    reason: z
      .string()
      .trim()
      .min(2, "请填写暂停原因")
      .max(200)
      .openapi({ example: "多名务工人员反映拖欠工资，核查期间暂停发布" }),
  })
  .openapi("SuspendEmployerBody");

export const EmployerListQuery = z.object({
  cursor: z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(VERIFICATION_STATUSES).optional(),
  type: z.enum(EMPLOYER_TYPES).optional(),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ description: "只看该区划内的单位" }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: "名称关键字", example: "竹编" }),
});
export type EmployerListInput = z.infer<typeof EmployerListQuery>;

export const EmployerView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: EmployerTypeSchema,
    typeLabel: z.string().openapi({ example: "就业帮扶车间" }),
    creditCode: z.string().nullable().openapi({ example: "91440300708461136T" }),
    regionCode: z.string().openapi({ example: "450332100" }),
    address: z.string().nullable(),
    contactName: z.string(),
    contactPhone: z.string().nullable().openapi({ description: "已脱敏", example: "138****2345" }),
    workshop: z
      .object({ certificateNo: z.string().nullable(), certifiedBy: z.string().nullable() })
      .nullable(),
    verification: z.object({
      status: z.enum(VERIFICATION_STATUSES),
      label: z.string().openapi({ example: "已认证" }),
      reason: z.string().nullable().openapi({ description: "最近一次审核/暂停的说明" }),
      changedAt: z.string().nullable(),
      verifiedAt: z.string().nullable(),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Employer");

export const EmployerPage = z
  .object({ items: z.array(EmployerView), nextCursor: z.string().nullable() })
  .openapi("EmployerPage");

export const RegistrationView = z
  .object({ employer: EmployerView, session: SessionView })
  .openapi("EmployerRegistration");

export const EmployerContactView = z
  .object({
    id: z.uuid(),
    contactName: z.string(),
    contactPhone: z.string().nullable().openapi({ example: "13807732345" }),
  })
  .openapi("EmployerContact");
