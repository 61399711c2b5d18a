import { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../lib/auth";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonResponse, newRouter } from "../../lib/http";
import type { UploadRoute } from "../../lib/input-guard";
import {
  IMPORT_MAX_BYTES,
  ImportAccepted,
  ImportUploadBody,
  ImportView,
  toImportView,
} from "./schemas";
import { createImport, getImport, IMPORT_ROLES, openImportResult } from "./service";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The upload's size limit, checked by the app's body guard before anything reads the body (src/lib/input-guard.ts). */
export const IMPORT_UPLOAD: UploadRoute = {
  method: "POST",
  path: /^\/api\/v1\/imports\/?$/,
  maxBytes: IMPORT_MAX_BYTES,
  tooLarge: `文件过大：最大 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请按乡镇拆分后分别导入`,
};

const uploadRoute = createRoute({
  method: "post",
  path: "/api/v1/imports",
  tags: ["imports"],
  security: BEARER,
  summary: "上传台账（.xlsx 或 CSV），后台逐行导入到登记库",
  middleware: [requireRole(...IMPORT_ROLES)] as const,
  request: {
    body: {
      content: { "multipart/form-data": { schema: ImportUploadBody } },
      required: true,
      description: "台账文件与县（区）代码",
    },
  },
  responses: {
    202: jsonResponse(ImportAccepted, "已受理，用返回的地址查看进度"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "PAYLOAD_TOO_LARGE"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/imports/{id}",
  tags: ["imports"],
  security: BEARER,
  summary: "导入进度与结果统计",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(ImportView, "导入任务"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "IMPORT_NOT_FOUND"),
  },
});

const resultRoute = createRoute({
  method: "get",
  path: "/api/v1/imports/{id}/result.xlsx",
  tags: ["imports"],
  security: BEARER,
  summary: "逐行导入结果（行号、结果、原因；身份证号脱敏）",
  request: { params: IdParams },
  responses: {
    200: {
      description: "导入结果 .xlsx",
      content: { [XLSX_TYPE]: { schema: { type: "string", format: "binary" } } },
    },
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "IMPORT_NOT_FOUND",
      "IMPORT_RESULT_NOT_READY",
      "IMPORT_RESULT_EXPIRED",
    ),
  },
});

export const importsRouter = newRouter()
  .openapi(uploadRoute, async (c) => {
    const { file, county } = c.req.valid("form");
    const row = await createImport(c.var.ctx, {
      county,
      fileName: file.name || "ledger",
      content: file.stream(),
    });
    return c.json(
      { id: row.id, status: "queued" as const, statusUrl: `/api/v1/imports/${row.id}` },
      202,
    );
  })
  .openapi(getRoute, async (c) =>
    c.json(toImportView(await getImport(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(resultRoute, async (c) => {
    const result = await openImportResult(c.var.ctx, c.req.valid("param").id);
    c.header("content-type", XLSX_TYPE);
    c.header("content-length", String(result.bytes));
    c.header(
      "content-disposition",
      `attachment; filename="result.xlsx"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
    );
    return c.body(Readable.toWeb(result.stream) as ReadableStream, 200);
  });
