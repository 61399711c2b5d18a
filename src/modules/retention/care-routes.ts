import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter, PageQuery } from "../../lib/http";
import {
  createHelpRequest,
  getHelpRequest,
  listFollowUps,
  listMyHelpRequests,
  resolveFollowUp,
} from "./care";
import {
  FollowUpPage,
  FollowUpQuery,
  FollowUpView,
  HelpRequestBody,
  HelpRequestPage,
  HelpRequestView,
  ResolveBody,
} from "./schemas";
import { toFollowUpView, toHelpRequestView } from "./view";

const TAGS = ["retention"];

const createHelpRoute = createRoute({
  method: "post",
  path: "/api/v1/help-requests",
  tags: TAGS,
  security: BEARER,
  operationId: "createHelpRequest",
  summary:
    "求助（劳动力本人）：找工作 / 工资被拖欠 / 其他，可附文字说明；立即通知帮扶干部。同类求助未答复前再次提交返回原求助（200）",
  request: { body: jsonBody(HelpRequestBody) },
  responses: {
    201: jsonResponse(HelpRequestView, "已提交"),
    200: jsonResponse(HelpRequestView, "已有同类求助在等待答复"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const myHelpRoute = createRoute({
  method: "get",
  path: "/api/v1/help-requests/mine",
  tags: TAGS,
  security: BEARER,
  operationId: "listMyHelpRequests",
  summary: "我的求助及答复（劳动力本人）",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(HelpRequestPage, "求助"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getHelpRoute = createRoute({
  method: "get",
  path: "/api/v1/help-requests/{id}",
  tags: TAGS,
  security: BEARER,
  operationId: "getHelpRequest",
  summary: "求助详情（本人，或本辖区的帮扶干部、人社部门）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(HelpRequestView, "求助"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "HELP_REQUEST_NOT_FOUND"),
  },
});

const listFollowUpsRoute = createRoute({
  method: "get",
  path: "/api/v1/follow-ups",
  tags: TAGS,
  security: BEARER,
  operationId: "listFollowUps",
  summary: "帮扶干部待办：回访 3 天未回答、求助未答复（仅本辖区）",
  request: { query: FollowUpQuery },
  responses: {
    200: jsonResponse(FollowUpPage, "待办"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const resolveRoute = createRoute({
  method: "post",
  path: "/api/v1/follow-ups/{id}/resolve",
  tags: TAGS,
  security: BEARER,
  operationId: "resolveFollowUp",
  summary: "答复或处理待办：求助的答复会通知本人并记录首次答复用时",
  request: { params: IdParams, body: jsonBody(ResolveBody) },
  responses: {
    200: jsonResponse(FollowUpView, "已处理"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "FOLLOW_UP_NOT_FOUND",
      "FOLLOW_UP_ALREADY_RESOLVED",
    ),
  },
});

export const careRouter = newRouter()
  .openapi(createHelpRoute, async (c) => {
    const { row, created } = await createHelpRequest(c.var.ctx, c.req.valid("json"));
    return created ? c.json(toHelpRequestView(row), 201) : c.json(toHelpRequestView(row), 200);
  })
  .openapi(myHelpRoute, async (c) => {
    const page = await listMyHelpRequests(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toHelpRequestView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getHelpRoute, async (c) =>
    c.json(toHelpRequestView(await getHelpRequest(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(listFollowUpsRoute, async (c) => {
    const page = await listFollowUps(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toFollowUpView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(resolveRoute, async (c) =>
    c.json(
      toFollowUpView(
        await resolveFollowUp(c.var.ctx, c.req.valid("param").id, c.req.valid("json")),
      ),
      200,
    ),
  );
