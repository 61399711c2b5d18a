import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import { addPolicy, createProgramme, listPolicies, listProgrammes } from "./programmes";
import {
  PageQuery,
  PolicyBody,
  PolicyPage,
  PolicyView,
  ProgrammeBody,
  ProgrammePage,
  ProgrammeParams,
  ProgrammeView,
} from "./schemas";
import { toPolicyView, toProgrammeView } from "./view";

const TAGS = ["subsidies"];

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/subsidy-programmes",
  tags: TAGS,
  security: BEARER,
  summary: "补贴项目及本年度执行的政策版本",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(ProgrammePage, "补贴项目"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const createProgrammeRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-programmes",
  tags: TAGS,
  security: BEARER,
  summary: "新增补贴项目（自治区、市人社部门）；项目的政策另行按年度设置",
  request: { body: jsonBody(ProgrammeBody) },
  responses: {
    201: jsonResponse(ProgrammeView, "已新增"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "SUBSIDY_PROGRAMME_DUPLICATE"),
  },
});

const listPoliciesRoute = createRoute({
  method: "get",
  path: "/api/v1/subsidy-programmes/{code}/policies",
  tags: TAGS,
  security: BEARER,
  summary: "补贴项目的全部政策版本（新的在前）",
  request: { params: ProgrammeParams, query: PageQuery },
  responses: {
    200: jsonResponse(PolicyPage, "政策版本"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "SUBSIDY_PROGRAMME_NOT_FOUND"),
  },
});

const addPolicyRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-programmes/{code}/policies",
  tags: TAGS,
  security: BEARER,
  summary: "修改补贴政策：每次修改生成新版本，已提交的申领仍按原版本审核",
  request: { params: ProgrammeParams, body: jsonBody(PolicyBody) },
  responses: {
    201: jsonResponse(PolicyView, "新版本"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "SUBSIDY_PROGRAMME_NOT_FOUND"),
  },
});

export const subsidyProgrammesRouter = newRouter()
  .openapi(listRoute, async (c) => {
    const page = await listProgrammes(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toProgrammeView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(createProgrammeRoute, async (c) =>
    c.json(toProgrammeView(await createProgramme(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listPoliciesRoute, async (c) => {
    const page = await listPolicies(c.var.ctx, c.req.valid("param").code, c.req.valid("query"));
    return c.json({ items: page.items.map(toPolicyView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(addPolicyRoute, async (c) =>
    c.json(
      toPolicyView(await addPolicy(c.var.ctx, c.req.valid("param").code, c.req.valid("json"))),
      201,
    ),
  );
