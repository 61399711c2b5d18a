import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonResponse, newRouter } from "../../lib/http";
import { pushOutcomes } from "./push-outcomes";
import {
  PushOutcomeQuery,
  PushOutcomeView,
  RegionQuery,
  SummaryView,
  TrendQuery,
  TrendView,
  WarningPage,
  WarningParams,
  WarningQuery,
} from "./schemas";
import { statsSummary } from "./service";
import { statsTrend } from "./snapshot";
import { warningPage } from "./warnings";

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

const warningRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/warnings/{list}",
  tags: ["stats"],
  summary: "预警名单（分页，限本辖区，姓名等已脱敏，每行附下一步工作建议）",
  security: BEARER,
  request: { params: WarningParams, query: WarningQuery },
  responses: {
    200: jsonResponse(WarningPage, "一页名单，新登记的在前"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "REGION_NOT_FOUND", "VALIDATION_FAILED"),
  },
});

const pushRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/push-outcomes",
  tags: ["stats"],
  summary:
    "岗位推送效果：按轮次、区域、渠道、匹配版本统计推送、送达、查看、报名、30天内录用、谢绝原因",
  security: BEARER,
  request: { query: PushOutcomeQuery },
  responses: {
    200: jsonResponse(PushOutcomeView, "推送效果"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "REGION_NOT_FOUND", "VALIDATION_FAILED"),
  },
});

const trendRoute = createRoute({
  method: "get",
  path: "/api/v1/stats/trend",
  tags: ["stats"],
  summary: "指标走势（来自每周快照；按周、月、季度）",
  security: BEARER,
  request: { query: TrendQuery },
  responses: {
    200: jsonResponse(TrendView, "各期数值"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "REGION_NOT_FOUND", "VALIDATION_FAILED"),
  },
});

export const statsRouter = newRouter()
  .openapi(trendRoute, async (c) => c.json(await statsTrend(c.var.ctx, c.req.valid("query")), 200))
  .openapi(pushRoute, async (c) => c.json(await pushOutcomes(c.var.ctx, c.req.valid("query")), 200))
  .openapi(summaryRoute, async (c) =>
    c.json(await statsSummary(c.var.ctx, c.req.valid("query")), 200),
  )
  .openapi(warningRoute, async (c) =>
    c.json(
      await warningPage(c.var.ctx, { ...c.req.valid("query"), list: c.req.valid("param").list }),
      200,
    ),
  );
