import { z } from "@hono/zod-openapi";

export const CreateBatchBody = z
  .object({
    programme: z
      .string()
      .regex(/^[a-z][a-z0-9_]{2,47}$/)
      .default("transport_subsidy")
      .openapi({ example: "transport_subsidy" }),
  })
  .openapi("CreatePaymentBatchBody");

export const BatchView = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    regionCode: z.string(),
    status: z
      .enum(["open", "closed"])
      .openapi({ description: "open 待银行回盘 / closed 已全部回盘" }),
    claimCount: z.int(),
    totalFen: z.int().openapi({ description: "批次总金额（分）" }),
    total: z.string().openapi({ example: "12600.00", description: "批次总金额（元，两位小数）" }),
    paidCount: z.int(),
    paidFen: z.int(),
    failedCount: z.int(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi("PaymentBatch");

export const BatchPage = z
  .object({ items: z.array(BatchView), nextCursor: z.string().nullable() })
  .openapi("PaymentBatchPage");

export const BatchItemView = z
  .object({
    id: z.uuid(),
    seq: z.int(),
    claimId: z.uuid(),
    labourerId: z.uuid(),
    name: z.string(),
    idNumberMasked: z.string().openapi({ example: "450332********1234" }),
    accountType: z.string().nullable(),
    accountMasked: z.string().nullable().openapi({ example: "6222***********0123" }),
    amountFen: z.int(),
    result: z.enum(["pending", "paid", "failed"]),
    reference: z.string().nullable(),
    failureReason: z.string().nullable(),
  })
  .openapi("PaymentBatchItem");

export const BatchItemPage = z
  .object({ items: z.array(BatchItemView), nextCursor: z.string().nullable() })
  .openapi("PaymentBatchItemPage");

export const ReturnFileBody = z
  .object({
    file: z.file().openapi({
      type: "string",
      format: "binary",
      description:
        "银行回盘文件：.xlsx 或 CSV（UTF-8 或 GBK），代发明细的列加上 结果、失败原因、银行流水号",
    }),
  })
  .openapi("PaymentReturnFile");

export const ReturnResult = z
  .object({
    batchId: z.uuid(),
    batchStatus: z.enum(["open", "closed"]),
    counts: z.object({ paid: z.int(), failed: z.int(), refused: z.int() }),
    rows: z.array(
      z.object({
        rowNumber: z.int(),
        itemId: z.string().nullable(),
        outcome: z.enum(["paid", "failed", "refused"]),
        code: z.string().nullable().openapi({
          description:
            "拒收原因代码：UNKNOWN_ROW / DUPLICATE_ROW / MISMATCH_* / RESULT_UNKNOWN / ALREADY_RECORDED / FAILURE_REASON_MISSING",
        }),
        reason: z.string(),
      }),
    ),
  })
  .openapi("PaymentReturnResult");
