import { z } from "@hono/zod-openapi";
import {
  EMPLOYMENT_SOURCE_LABELS,
  END_REASONS,
  EVIDENCE_KINDS,
  JOB_CHANNELS,
  valuesOf,
  WAGE_UNIT_LABELS,
} from "../../lib/enums";

const OUTSIDE_SOURCES = valuesOf(EMPLOYMENT_SOURCE_LABELS).filter(
  (s): s is Exclude<keyof typeof EMPLOYMENT_SOURCE_LABELS, "application"> => s !== "application",
) as [
  Exclude<keyof typeof EMPLOYMENT_SOURCE_LABELS, "application">,
  ...Exclude<keyof typeof EMPLOYMENT_SOURCE_LABELS, "application">[],
];

const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .openapi({ example: "2026-12-01" });
const WageUnit = z.enum(valuesOf(WAGE_UNIT_LABELS));

export const OutsideJobBody = z
  .object({
    labourerId: z.uuid(),
    source: z.enum(OUTSIDE_SOURCES).openapi({
      description: "self_found 自主就业 / own_business 自主创业 / dispatch 劳务派遣 / other 其他",
    }),
    employerName: z.string().trim().min(1).max(100).openapi({ example: "深圳市宝安区某电子厂" }),
    regionCode: z
      .string()
      .trim()
      .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
      .openapi({ example: "440306" }),
    startDate: DateString,
    wageFen: z.int().min(0).max(100_000_000).optional().openapi({ example: 520_000 }),
    wageUnit: WageUnit.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .openapi("OutsideJobBody");
export type OutsideJobBody = z.infer<typeof OutsideJobBody>;

export const ConfirmBody = z
  .object({
    note: z.string().trim().min(2, "请写明核实依据").max(500).optional().openapi({
      example: "已电话核实用工单位，查看劳动合同照片",
      description: "核实依据：合同、工资条、电话核实等；已上传证明材料时可不填",
    }),
  })
  .openapi("ConfirmEmploymentBody");

export const EndBody = z
  .object({
    endDate: DateString,
    reason: z.enum(END_REASONS).openapi({
      description:
        "contract_ended 合同到期 / quit 本人辞职 / dismissed 被辞退 / health 身体原因 / family 家庭原因 / other 其他",
    }),
    note: z.string().trim().max(200).optional(),
  })
  .openapi("EndEmploymentBody");
export type EndBody = z.infer<typeof EndBody>;

export const EmploymentView = z
  .object({
    id: z.uuid(),
    labourerId: z.uuid(),
    source: z.enum(valuesOf(EMPLOYMENT_SOURCE_LABELS)),
    applicationId: z.uuid().nullable(),
    jobId: z.uuid().nullable(),
    employerId: z.uuid().nullable(),
    employerName: z.string(),
    channel: z.enum(JOB_CHANNELS).nullable(),
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
    rejected: z.boolean().openapi({
      description: "县（区）人社部门对用工单位报告的录用不予确认：不计入就业",
    }),
    rejectedAt: z.string().nullable(),
    rejectionReason: z.string().nullable().openapi({
      description:
        "not_started 本人未实际上岗 / person_denies 本人否认在该单位工作 / no_proof 用工单位不能提供用工证明 / duplicate 重复登记 / other 其他",
    }),
    rejectionNote: z.string().nullable(),
    stillWorkingAt: z.string().nullable().openapi({
      description: "最近一次上岗回访回答「在」的时间",
    }),
    createdAt: z.string(),
  })
  .openapi("Employment");

export const EmploymentPage = z
  .object({ items: z.array(EmploymentView), nextCursor: z.string().nullable() })
  .openapi("EmploymentPage");

export const EmploymentListQuery = z.object({
  labourerId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** What evidence may be, decided from the bytes (src/modules/employments/evidence.ts). */
export const EVIDENCE_MEDIA_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "application/pdf",
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

const EvidenceKind = z.enum(EVIDENCE_KINDS).openapi({
  description: "contract_photo 劳动合同照片 / employer_confirmation 用工单位证明 / other 其他",
});

export const EvidenceUploadBody = z
  .object({
    file: z.file().openapi({
      type: "string",
      format: "binary",
      description: "照片（JPG、PNG、WebP）或 PDF；按文件内容识别类型",
    }),
    kind: EvidenceKind.optional(),
    note: z.string().trim().max(200).optional().openapi({ example: "劳动合同第一页" }),
  })
  .openapi("EvidenceUpload");

export const EvidenceView = z
  .object({
    id: z.uuid(),
    employmentId: z.uuid(),
    kind: EvidenceKind,
    note: z.string().nullable(),
    mediaType: z.enum(EVIDENCE_MEDIA_TYPES).openapi({ description: "按文件内容识别的类型" }),
    sizeBytes: z.int(),
    sha256: z
      .string()
      .openapi({ example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }),
    uploadedBy: z.uuid().nullable(),
    uploadedRole: z.string(),
    createdAt: z.string(),
  })
  .openapi("EmploymentEvidence");

export const EvidencePage = z
  .object({ items: z.array(EvidenceView), nextCursor: z.string().nullable() })
  .openapi("EmploymentEvidencePage");

export const EvidenceListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const EvidenceParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  evidenceId: z.uuid().openapi({ param: { name: "evidenceId", in: "path" } }),
});
