import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonResponse, newRouter } from "../../lib/http";
import { RegionQuery, SummaryView } from "./schemas";
import { statsSummary } from "./service";

const summaryRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/summary",
  tags: ["stats"],
  summary: "就业监测主要指标（按下级区划分列，仅计已确认的就业）",
  security: BEARER,
  request: { query: RegionQuery },
  responses: {
    200: jsonResponse(SummaryView, "本区域及各下级区划的指标"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "REGION_NOT_FOUND", "VALIDATION_FAILED"),
  },
});

export const statsRouter = newRouter().openapi(summaryRoute, async (c) =>
  c.json(await statsSummary(c.var.ctx, c.req.valid("query")), 200),
);
