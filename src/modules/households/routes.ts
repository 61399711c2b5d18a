import { createRoute, type z } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter, pageOf } from "../../lib/http";
import { toLabourerView } from "../labourers/view";
import type { HouseholdRow } from "./repo";
import {
  CreateHouseholdBody,
  HouseholdDetail,
  HouseholdListQuery,
  HouseholdView,
  UpdateHouseholdBody,
} from "./schemas";
import { createHousehold, getHousehold, listHouseholds, updateHousehold } from "./service";

function toHouseholdView(h: HouseholdRow): z.infer<typeof HouseholdView> {
  return {
    id: h.id,
    householdNo: h.householdNo,
    villageCode: h.villageCode,
    headName: h.headName,
    headMissing: h.headName === null,
    headLabourerId: h.headLabourerId,
    keyAssistance: h.keyAssistance,
    incomePerCapitaFen: h.incomePerCapitaFen,
    resettlementSite:
      h.resettlementSiteName || h.resettlementSiteCode
        ? { name: h.resettlementSiteName, code: h.resettlementSiteCode }
        : null,
    memberCount: h.memberCount,
    ableCount: h.ableCount,
    employedCount: h.employedCount,
    zeroEmployment: h.ableCount > 0 && h.employedCount === 0,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

const createHouseholdRoute = createRoute({
  method: "post",
  path: "/api/v1/households",
  tags: ["households"],
  security: BEARER,
  summary: "登记户（户编号唯一）",
  request: { body: jsonBody(CreateHouseholdBody) },
  responses: {
    201: jsonResponse(HouseholdView, "已登记"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "HOUSEHOLD_DUPLICATE"),
  },
});

const listHouseholdsRoute = createRoute({
  method: "get",
  path: "/api/v1/households",
  tags: ["households"],
  security: BEARER,
  summary: "本辖区户列表（可筛选零就业家庭、重点帮扶户、搬迁户）",
  request: { query: HouseholdListQuery },
  responses: {
    200: jsonResponse(pageOf(HouseholdView, "HouseholdPage"), "户列表"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getHouseholdRoute = createRoute({
  method: "get",
  path: "/api/v1/households/{id}",
  tags: ["households"],
  security: BEARER,
  summary: "户详情及成员（脱敏）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(HouseholdDetail, "户及成员"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "HOUSEHOLD_NOT_FOUND"),
  },
});

const updateHouseholdRoute = createRoute({
  method: "patch",
  path: "/api/v1/households/{id}",
  tags: ["households"],
  security: BEARER,
  summary:
    "修改户信息（户主、重点帮扶认定、人均收入、安置点；只改提交的字段，null 表示清除；户编号不可改）",
  request: { params: IdParams, body: jsonBody(UpdateHouseholdBody) },
  responses: {
    200: jsonResponse(HouseholdView, "已保存"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "HOUSEHOLD_NOT_FOUND"),
  },
});

export const householdsRouter = newRouter()
  .openapi(createHouseholdRoute, async (c) =>
    c.json(toHouseholdView(await createHousehold(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listHouseholdsRoute, async (c) => {
    const page = await listHouseholds(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toHouseholdView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getHouseholdRoute, async (c) => {
    const { household, members } = await getHousehold(c.var.ctx, c.req.valid("param").id);
    const now = c.var.ctx.now();
    return c.json(
      { ...toHouseholdView(household), members: members.map((m) => toLabourerView(m, now)) },
      200,
    );
  })
  .openapi(updateHouseholdRoute, async (c) => {
    const row = await updateHousehold(c.var.ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(toHouseholdView(row), 200);
  });
