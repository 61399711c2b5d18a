import { z } from "@hono/zod-openapi";
import type { ImportRow } from "../../../db/schema/imports";

/** Largest ledger accepted over HTTP: ~500,000 rows of XLSX, or a CSV of ~300,000. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

export const ImportUploadBody = z
  .object({
    file: z.file().openapi({
      type: "string",
      format: "binary",
      description: "台账文件：.xlsx（Excel / WPS），或 CSV（UTF-8 / GBK）",
    }),
    county: z
      .string()
      .trim()
      .regex(/^\d{6}(\d{6})?$/, "请填写县级行政区划代码，如 450332")
      .openapi({ description: "导入到哪个县（区）：村不在该县的行被拒绝", example: "450332" }),
  })
  .openapi("ImportUpload");

const Counts = z.object({
  created: z.number().int().openapi({ description: "新增", example: 812 }),
  updated: z.number().int().openapi({ description: "更新", example: 35 }),
  unchanged: z.number().int().openapi({ description: "无变化", example: 140 }),
  rejected: z.number().int().openapi({ description: "未导入（原因见结果文件）", example: 13 }),
});

export const ImportView = z
  .object({
    id: z.uuid(),
    county: z.string().openapi({ example: "450332" }),
    fileName: z.string().openapi({ example: "恭城县脱贫劳动力台账2025.xlsx" }),
    status: z
      .enum(["queued", "running", "succeeded", "failed"])
      .openapi({ description: "queued 排队中，running 导入中，succeeded 已完成，failed 失败" }),
    progress: z.object({
      rowsProcessed: z
        .number()
        .int()
        .openapi({ description: "本次尝试已处理的行数", example: 6000 }),
      percent: z.number().openapi({ description: "按读取位置估算的进度（0–100）", example: 62.5 }),
    }),
    totalRows: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "数据行数（完成后）", example: 1000 }),
    counts: Counts.nullable().openapi({ description: "各结果的行数（完成后）" }),
    error: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .openapi({
        description: "失败原因（文件无法读取等）",
        example: {
          code: "IMPORT_FILE_UNREADABLE",
          message: "未找到表头：前 10 行中没有“身份证号”等列名",
        },
      }),
    fileInfo: z
      .unknown()
      .openapi({ description: "识别结果：格式、编码、每个工作表的表头行与识别的列" }),
    resultUrl: z
      .string()
      .nullable()
      .openapi({ example: "/api/v1/imports/0b9f5a3e-4c1d-4f7a-9a52-2b1f3c4d5e6f/result.xlsx" }),
    attempts: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Import");

export const ImportAccepted = z
  .object({
    id: z.uuid(),
    status: z.literal("queued"),
    statusUrl: z
      .string()
      .openapi({ example: "/api/v1/imports/0b9f5a3e-4c1d-4f7a-9a52-2b1f3c4d5e6f" }),
  })
  .openapi("ImportAccepted");

export function toImportView(r: ImportRow): z.infer<typeof ImportView> {
  const done = r.status === "succeeded";
  return {
    id: r.id,
    county: r.countyCode,
    fileName: r.fileName,
    status: r.status,
    progress: { rowsProcessed: r.rowsProcessed, percent: Math.round(r.progress * 1000) / 10 },
    totalRows: r.totalRows,
    counts: done
      ? {
          created: r.createdCount ?? 0,
          updated: r.updatedCount ?? 0,
          unchanged: r.unchangedCount ?? 0,
          rejected: r.rejectedCount ?? 0,
        }
      : null,
    error: r.errorCode ? { code: r.errorCode, message: r.errorMessage ?? "" } : null,
    fileInfo: r.fileInfo ?? null,
    resultUrl: done ? `/api/v1/imports/${r.id}/result.xlsx` : null,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
