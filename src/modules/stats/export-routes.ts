import { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errorResponses } from "../../lib/errors";
import { BEARER, newRouter } from "../../lib/http";
import { type Export, exportSummary, exportWarnings } from "./exports";
import { RegionQuery, WarningParams, WarningQuery } from "./schemas";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const file = {
  description: "Excel 文件（中文表头）",
  content: { [XLSX]: { schema: { type: "string" as const, format: "binary" } } },
};
const errors = errorResponses(
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "REGION_NOT_FOUND",
  "VALIDATION_FAILED",
);

const summaryRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/exports/summary",
  tags: ["stats"],
  summary: "导出就业监测主要指标（Excel，按下级区划分列）",
  security: BEARER,
  request: { query: RegionQuery },
  responses: { 200: file, ...errors },
});

const warningsRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/exports/warnings/{list}",
  tags: ["stats"],
  summary: "导出整份预警名单（Excel，姓名等已脱敏）",
  security: BEARER,
  request: { params: WarningParams, query: WarningQuery.omit({ cursor: true, limit: true }) },
  responses: { 200: file, ...errors },
});

function send(c: Context, x: Export) {
  c.header("content-type", XLSX);
  c.header("cache-control", "no-store");
  c.header("x-content-type-options", "nosniff");
  c.header(
    "content-disposition",
    `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(x.filename)}`,
  );
  return c.body(Readable.toWeb(x.stream) as ReadableStream, 200);
}

export const statsExportRouter = newRouter()
  .openapi(summaryRoute, async (c) => send(c, await exportSummary(c.var.ctx, c.req.valid("query"))))
  .openapi(warningsRoute, async (c) =>
    send(
      c,
      await exportWarnings(c.var.ctx, { ...c.req.valid("query"), list: c.req.valid("param").list }),
    ),
  );
