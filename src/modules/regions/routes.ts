import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { jsonResponse, newRouter } from "../../lib/http";
import type { Region } from "./repo";
import {
  RegionCodeParams,
  RegionList,
  RegionListQuery,
  RegionSearchQuery,
  RegionView,
} from "./schemas";
import { getRegion, listRegions, searchRegions } from "./service";

const toView = (r: Region) => ({
  code: r.code,
  name: r.name,
  shortName: r.shortName,
  fullName: r.fullName,
  level: r.level,
  parentCode: r.parentCode,
  lat: r.lat,
  lng: r.lng,
  coordSource: r.coordSource,
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/regions",
  tags: ["regions"],
  summary: "下级行政区划列表",
  request: { query: RegionListQuery },
  responses: { 200: jsonResponse(RegionList, "区划列表"), ...errorResponses("REGION_NOT_FOUND") },
});

const searchRoute = createRoute({
  method: "get",
  path: "/api/v1/regions/search",
  tags: ["regions"],
  summary: "按名称查找行政区划（桂林、恭城、恭城瑶族自治县均可）",
  request: { query: RegionSearchQuery },
  responses: { 200: jsonResponse(RegionList, "匹配的区划，最相近的在前") },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/regions/{code}",
  tags: ["regions"],
  summary: "行政区划详情",
  request: { params: RegionCodeParams },
  responses: { 200: jsonResponse(RegionView, "区划"), ...errorResponses("REGION_NOT_FOUND") },
});

export const regionsRouter = newRouter()
  .openapi(listRoute, async (c) =>
    c.json({ items: (await listRegions(c.var.ctx, c.req.valid("query"))).map(toView) }, 200),
  )
  .openapi(searchRoute, async (c) =>
    c.json({ items: (await searchRegions(c.var.ctx, c.req.valid("query"))).map(toView) }, 200),
  )
  .openapi(getRoute, async (c) =>
    c.json(toView(await getRegion(c.var.ctx, c.req.valid("param").code)), 200),
  );
