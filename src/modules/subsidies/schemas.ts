import { z } from "@hono/zod-openapi";
import { SUBSIDY_RULE_TYPES, TICKET_LEGS } from "../../lib/enums";
import { CLAIM_STATUSES } from "./rules";

const RegionPrefix = z
  .string()
  .trim()
  .regex(/^\d{2}(\d{2})?$/, "请填写省（2位）或市（4位）行政区划代码")
  .openapi({ example: "4403" });
const Fen = z.int().min(0).max(10_000_000);
const Cursor = z.string().max(200).optional().openapi({ description: "上一页返回的 nextCursor" });
const Limit = z.coerce.number().int().min(1).max(100).default(20);

export const ProgrammeBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{2,47}$/, "编码只能用小写字母、数字和下划线")
      .openapi({ example: "stable_employment_reward" }),
    name: z.string().trim().min(2).max(60).openapi({ example: "稳定就业劳务补助" }),
    ruleType: z.enum(SUBSIDY_RULE_TYPES, { error: "请选择资格规则" }).openapi({
      description:
        "transport_round_trip 往返交通（凭车票）/ stable_employment 稳定就业（满若干个月）",
    }),
    autoPropose: z.boolean().default(true),
  })
  .openapi("SubsidyProgrammeBody");
export type ProgrammeBody = z.infer<typeof ProgrammeBody>;

export const PolicyBody = z
  .object({
    policyYear: z.int().min(2015).max(2100).openapi({ example: 2026 }),
    eligiblePersonTypes: z
      .array(z.enum(["tuopin", "monitored", "other"]))
      .min(1)
      .max(3)
      .default(["tuopin", "monitored"]),
    requireOutsideGuangxi: z.boolean().default(true),
    destinationCodes: z.array(RegionPrefix).max(60).default([]).openapi({
      description: "可补贴的目的地（省或市代码）；空表示广西区外均可",
    }),
    caps: z
      .array(z.object({ regionCode: RegionPrefix, capFen: Fen }))
      .max(60)
      .default([])
      .openapi({ description: "按目的地（省或市）设上限，单位：分；最长前缀匹配" }),
    defaultCapFen: Fen.openapi({ example: 100_000, description: "其他目的地的上限（分）" }),
    minDaysInWork: z.int().min(0).max(3650).default(0),
    minMonthsInWork: z.int().min(0).max(120).default(0),
    minTickets: z.int().min(0).max(10).default(1).openapi({
      description: "至少需要的车票张数；0 表示不需车票，按上限定额发放",
    }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi("SubsidyPolicyBody");
export type PolicyBody = z.infer<typeof PolicyBody>;

export const PolicyView = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    policyYear: z.int(),
    version: z.int(),
    eligiblePersonTypes: z.array(z.string()),
    requireOutsideGuangxi: z.boolean(),
    destinationCodes: z.array(z.string()),
    caps: z.array(z.object({ regionCode: z.string(), capFen: z.int() })),
    defaultCapFen: z.int(),
    minDaysInWork: z.int(),
    minMonthsInWork: z.int(),
    minTickets: z.int(),
    note: z.string().nullable(),
    createdRole: z.string(),
    createdAt: z.string(),
  })
  .openapi("SubsidyPolicy");

export const ProgrammeView = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    ruleType: z.enum(["transport_round_trip", "stable_employment"]),
    autoPropose: z.boolean(),
    currentPolicy: PolicyView.nullable(),
    createdAt: z.string(),
  })
  .openapi("SubsidyProgramme");

export const ProgrammePage = z
  .object({ items: z.array(ProgrammeView), nextCursor: z.string().nullable() })
  .openapi("SubsidyProgrammePage");
export const PolicyPage = z
  .object({ items: z.array(PolicyView), nextCursor: z.string().nullable() })
  .openapi("SubsidyPolicyPage");
export const PageQuery = z.object({ cursor: Cursor, limit: Limit });

export const ProgrammeParams = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{2,47}$/)
    .openapi({ param: { name: "code", in: "path" }, example: "transport_subsidy" }),
});

const Payee = z
  .object({
    accountType: z.enum(["bank_card", "social_security_card"]).openapi({
      description: "bank_card 银行卡 / social_security_card 社会保障卡（金融账户）",
    }),
    accountNumber: z
      .string()
      .transform((s) => s.replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^\d{12,19}$/, "账号应为12到19位数字"))
      .openapi({ example: "6222021234567890123" }),
  })
  .openapi("SubsidyPayee");
export type Payee = z.infer<typeof Payee>;

export const StartClaimBody = z
  .object({
    employmentId: z.uuid(),
    programme: z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,47}$/)
      .default("transport_subsidy"),
  })
  .openapi("StartSubsidyClaimBody");

export const SubmitBody = z.object({ payee: Payee.optional() }).openapi("SubmitSubsidyClaimBody");

export const ReviewBody = z
  .object({
    decision: z.enum(["approve", "reject", "return"]).openapi({
      description: "approve 通过 / reject 不通过 / return 退回补充材料",
    }),
    reason: z.string().trim().min(2, "请写明原因").max(300).optional(),
  })
  .openapi("ReviewSubsidyClaimBody");

const Finding = z.object({
  code: z.string().openapi({ example: "DESTINATION_INSIDE_GUANGXI" }),
  outcome: z.enum(["pass", "fail", "info"]),
  text: z.string(),
});

export const ProofView = z
  .object({
    id: z.uuid(),
    ticketNo: z.string(),
    amountFen: z.int(),
    travelDate: z.string().nullable().openapi({ example: "2026-11-28", description: "乘车日期" }),
    leg: z.enum(TICKET_LEGS).nullable().openapi({ description: "outbound 去程 / return 返程" }),
    legLabel: z.string().nullable().openapi({ example: "去程" }),
    mediaType: z.string(),
    sizeBytes: z.int(),
    uploadedRole: z.string(),
    createdAt: z.string(),
  })
  .openapi("SubsidyProof");

export const ClaimView = z
  .object({
    id: z.uuid(),
    programme: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    policyId: z.uuid(),
    policyVersion: z.int(),
    policyYear: z.int(),
    labourerId: z.uuid(),
    labourerName: z.string(),
    idNumberMasked: z.string().openapi({ example: "450332********1234" }),
    employmentId: z.uuid(),
    destinationCode: z.string(),
    destinationName: z
      .string()
      .nullable()
      .openapi({ example: "广东省 深圳市 宝安区", description: "工作地（全称）" }),
    employerName: z.string().openapi({ example: "深圳市宝安区某电子厂" }),
    startDate: z.string().openapi({ example: "2026-03-01", description: "上岗日期" }),
    minTickets: z
      .int()
      .openapi({ description: "这个申领的政策要求的车票张数（0 表示不需要车票）" }),
    proofCount: z.int().openapi({ description: "已上传的车票张数" }),
    status: z.enum(CLAIM_STATUSES),
    statusLabel: z.string(),
    statusNext: z.string().openapi({ description: "这个状态对本人意味着什么、下一步做什么" }),
    origin: z.enum(["proposed", "labourer", "staff"]),
    amountFen: z.int().nullable(),
    provenFen: z.int().nullable(),
    capFen: z.int().nullable(),
    checkPassed: z.boolean().nullable(),
    findings: z.array(Finding),
    payee: z
      .object({ accountType: z.string(), accountMasked: z.string() })
      .nullable()
      .openapi({ description: "收款账号（脱敏）" }),
    reviewReason: z.string().nullable(),
    paidAt: z.string().nullable().openapi({ description: "发放到账的时间（银行回盘）" }),
    paymentReference: z.string().nullable(),
    paymentFailureReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("SubsidyClaim");

export const ClaimEventView = z.object({
  from: z.string().nullable(),
  fromLabel: z.string().nullable(),
  to: z.string(),
  toLabel: z.string(),
  actorRole: z.string(),
  actorName: z
    .string()
    .nullable()
    .openapi({ description: "办理人（账号名称）；系统自动办理时为空" }),
  reason: z.string().nullable(),
  at: z.string(),
});

export const ClaimDetail = ClaimView.extend({
  proofs: z.array(ProofView),
  events: z.array(ClaimEventView),
}).openapi("SubsidyClaimDetail");

export const ClaimPage = z
  .object({ items: z.array(ClaimView), nextCursor: z.string().nullable() })
  .openapi("SubsidyClaimPage");

export const ClaimListQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  labourerId: z.uuid().optional(),
  cursor: Cursor,
  limit: Limit,
});

export const ProofUploadBody = z
  .object({
    file: z.file().openapi({
      type: "string",
      format: "binary",
      description: "车票照片（JPG、PNG、WebP）或 PDF；按文件内容识别类型",
    }),
    ticketNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/, "请填写车票上的票号（字母和数字）")
      .openapi({ example: "E012345678" }),
    amountFen: z.coerce
      .number()
      .int("金额应为整数（单位：分）")
      .min(1)
      .max(1_000_000)
      .openapi({ example: 28_650, description: "票价，单位：分" }),
    travelDate: z
      .string({ error: "请填写乘车日期" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "请填写车票上的乘车日期，例如 2026-11-28")
      .refine(realDay, "乘车日期不是一个真实的日子，请核对车票")
      .openapi({ example: "2026-11-28", description: "车票上的乘车日期" }),
    leg: z
      .enum(TICKET_LEGS, { error: "请选择这张车票是去程还是返程" })
      .openapi({ description: "outbound 去程（去务工地） / return 返程（回家）" }),
  })
  .openapi("SubsidyProofUpload");

/** 2026-02-30 is a well-formed string but no day. */
function realDay(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

export const ProofParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  proofId: z.uuid().openapi({ param: { name: "proofId", in: "path" } }),
});
