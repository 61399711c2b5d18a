import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import {
  ConfirmBody,
  EmploymentListQuery,
  EmploymentPage,
  EmploymentView,
  EndBody,
  OutsideJobBody,
} from "./schemas";
import {
  confirmEmployment,
  endEmployment,
  getEmployment,
  listEmployments,
  recordOutsideJob,
} from "./service";
import { toEmploymentView } from "./view";

const recordRoute = createRoute({
  method: "post",
  path: "/api/v1/employments",
  tags: ["employments"],
  security: BEARER,
  summary: "登记系统外就业（自主就业、自主创业、劳务派遣等）：登记后待核实，核实确认后才计入就业",
  request: { body: jsonBody(OutsideJobBody) },
  responses: {
    201: jsonResponse(EmploymentView, "已登记，待核实"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/employments",
  tags: ["employments"],
  security: BEARER,
  summary: "就业记录：本人看自己的，用工单位看本单位录用的，人社部门和帮扶干部看本辖区的",
  request: { query: EmploymentListQuery },
  responses: {
    200: jsonResponse(EmploymentPage, "就业记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/employments/{id}",
  tags: ["employments"],
  security: BEARER,
  summary: "就业记录详情",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(EmploymentView, "就业记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYMENT_NOT_FOUND"),
  },
});

const confirmRoute = createRoute({
  method: "post",
  path: "/api/v1/employments/{id}/confirm",
  tags: ["employments"],
  security: BEARER,
  summary: "核实确认就业（人社部门、帮扶干部，须写明核实依据）",
  request: { params: IdParams, body: jsonBody(ConfirmBody) },
  responses: {
    200: jsonResponse(EmploymentView, "已确认"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYMENT_NOT_FOUND",
      "EMPLOYMENT_ALREADY_CONFIRMED",
    ),
  },
});

const endRoute = createRoute({
  method: "post",
  path: "/api/v1/employments/{id}/end",
  tags: ["employments"],
  security: BEARER,
  summary: "登记离岗（人社部门、帮扶干部、用工单位）",
  request: { params: IdParams, body: jsonBody(EndBody) },
  responses: {
    200: jsonResponse(EmploymentView, "已登记离岗"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYMENT_NOT_FOUND",
      "EMPLOYMENT_ALREADY_ENDED",
    ),
  },
});

export const employmentsRouter = newRouter()
  .openapi(recordRoute, async (c) =>
    c.json(toEmploymentView(await recordOutsideJob(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listRoute, async (c) => {
    const page = await listEmployments(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toEmploymentView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(toEmploymentView(await getEmployment(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(confirmRoute, async (c) =>
    c.json(
      toEmploymentView(
        await confirmEmployment(c.var.ctx, c.req.valid("param").id, c.req.valid("json")),
      ),
      200,
    ),
  )
  .openapi(endRoute, async (c) =>
    c.json(
      toEmploymentView(
        await endEmployment(c.var.ctx, c.req.valid("param").id, c.req.valid("json")),
      ),
      200,
    ),
  );
