import { createRoute } from "@hono/zod-openapi";
import type { PaymentBatch } from "../../../db/schema/subsidies";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import type { UploadRoute } from "../../lib/input-guard";
import { fenToYuan } from "../../lib/money";
import {
  BatchItemPage,
  BatchPage,
  BatchView,
  CreateBatchBody,
  ReturnFileBody,
  ReturnResult,
} from "./batch-schemas";
import { batchInScope, createBatch, exportBatch, listBatches, listBatchItems } from "./batches";
import { importReturnFile } from "./reconcile";
import { PageQuery } from "./schemas";

const TAGS = ["subsidies"];
const RETURN_MAX_BYTES = 20 * 1024 * 1024;

export const RETURN_UPLOAD: UploadRoute = {
  method: "POST",
  path: /^\/api\/v1\/payment-batches\/[^/]+\/return-file\/?$/,
  maxBytes: RETURN_MAX_BYTES,
  tooLarge: "文件过大：回盘文件最大 20 MB",
};

const toBatchView = (b: PaymentBatch) => ({
  id: b.id,
  programmeId: b.programmeId,
  regionCode: b.regionCode,
  status: b.status,
  claimCount: b.claimCount,
  totalFen: b.totalFen,
  total: fenToYuan(b.totalFen),
  paidCount: b.paidCount,
  paidFen: b.paidFen,
  failedCount: b.failedCount,
  createdAt: b.createdAt.toISOString(),
  closedAt: b.closedAt?.toISOString() ?? null,
});

const createRoute_ = createRoute({
  method: "post",
  path: "/api/v1/payment-batches",
  tags: TAGS,
  security: BEARER,
  summary: "生成发放批次：本辖区审核通过、尚未在批次中的申领（含发放失败待重发的）",
  request: { body: jsonBody(CreateBatchBody) },
  responses: {
    201: jsonResponse(BatchView, "已生成"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SUBSIDY_PROGRAMME_NOT_FOUND",
      "PAYMENT_BATCH_EMPTY",
    ),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/payment-batches",
  tags: TAGS,
  security: BEARER,
  summary: "发放批次（本辖区）",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(BatchPage, "发放批次"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/payment-batches/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "发放批次：笔数、总金额、回盘情况",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(BatchView, "发放批次"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "PAYMENT_BATCH_NOT_FOUND"),
  },
});

const itemsRoute = createRoute({
  method: "get",
  path: "/api/v1/payment-batches/{id}/items",
  tags: TAGS,
  security: BEARER,
  summary: "批次明细（身份证号、账号脱敏）",
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: jsonResponse(BatchItemPage, "批次明细"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "PAYMENT_BATCH_NOT_FOUND"),
  },
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const exportRoute = createRoute({
  method: "get",
  path: "/api/v1/payment-batches/{id}/export",
  tags: TAGS,
  security: BEARER,
  summary: "下载银行代发文件（.xlsx，含完整身份证号和账号；每次下载都记入审计日志）",
  request: { params: IdParams },
  responses: {
    200: {
      description: "代发文件",
      content: { [XLSX]: { schema: { type: "string" as const, format: "binary" } } },
    },
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "PAYMENT_BATCH_NOT_FOUND"),
  },
});

const returnRoute = createRoute({
  method: "post",
  path: "/api/v1/payment-batches/{id}/return-file",
  tags: TAGS,
  security: BEARER,
  summary: "导入银行回盘文件：逐行登记已发放或发放失败，有问题的行逐行拒收并说明原因",
  request: {
    params: IdParams,
    body: {
      content: { "multipart/form-data": { schema: ReturnFileBody } },
      required: true,
      description: "回盘文件",
    },
  },
  responses: {
    200: jsonResponse(ReturnResult, "逐行结果"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "PAYMENT_BATCH_NOT_FOUND",
      "IMPORT_FILE_UNREADABLE",
      "PAYLOAD_TOO_LARGE",
    ),
  },
});

export const paymentBatchesRouter = newRouter()
  .openapi(createRoute_, async (c) =>
    c.json(toBatchView(await createBatch(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listRoute, async (c) => {
    const page = await listBatches(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toBatchView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(toBatchView(await batchInScope(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(itemsRoute, async (c) => {
    const page = await listBatchItems(c.var.ctx, c.req.valid("param").id, c.req.valid("query"));
    return c.json(
      {
        items: page.items.map(({ createdAt: _, ...i }) => i),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(exportRoute, async (c) => {
    const { name, bytes } = await exportBatch(c.var.ctx, c.req.valid("param").id);
    c.header("content-type", XLSX);
    c.header("cache-control", "no-store");
    c.header("x-content-type-options", "nosniff");
    c.header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    return c.body(new Uint8Array(bytes), 200);
  })
  .openapi(returnRoute, async (c) =>
    c.json(
      await importReturnFile(c.var.ctx, c.req.valid("param").id, c.req.valid("form").file),
      200,
    ),
  );
