import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter, PageQuery } from "../../lib/http";
import { answerCheckIn, getCheckIn, listCheckIns, listMyCheckIns } from "./check-ins";
import {
  CheckInAnswerBody,
  CheckInPage,
  CheckInParams,
  CheckInView,
  MyCheckInQuery,
} from "./schemas";
import { toCheckInView } from "./view";

const TAGS = ["retention"];

const mineRoute = createRoute({
  method: "get",
  path: "/api/v1/check-ins/mine",
  tags: TAGS,
  security: BEARER,
  operationId: "listMyCheckIns",
  summary: "我的在岗回访（劳动力本人；status=pending 为待回答的「还在这里工作吗？」）",
  request: { query: MyCheckInQuery },
  responses: {
    200: jsonResponse(CheckInPage, "回访"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/employments/{id}/check-ins",
  tags: TAGS,
  security: BEARER,
  operationId: "listEmploymentCheckIns",
  summary: "一条就业记录的在岗回访（上岗后第 7、30、90 天）",
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: jsonResponse(CheckInPage, "回访"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYMENT_NOT_FOUND"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/employments/{id}/check-ins/{checkInId}",
  tags: TAGS,
  security: BEARER,
  operationId: "getCheckIn",
  summary: "在岗回访详情：还在这里工作吗？",
  request: { params: CheckInParams },
  responses: {
    200: jsonResponse(CheckInView, "回访"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "CHECK_IN_NOT_FOUND"),
  },
});

const answerRoute = createRoute({
  method: "post",
  path: "/api/v1/employments/{id}/check-ins/{checkInId}/answer",
  tags: TAGS,
  security: BEARER,
  operationId: "answerCheckIn",
  summary:
    "回答在岗回访：在 / 不在了（不在了须选原因，登记离岗，可立即重新推荐岗位）。本人回答，或帮扶干部、人社部门代为回答",
  request: { params: CheckInParams, body: jsonBody(CheckInAnswerBody) },
  responses: {
    200: jsonResponse(CheckInView, "已回答"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "CHECK_IN_NOT_FOUND",
      "CHECK_IN_ALREADY_ANSWERED",
      "CHECK_IN_CLOSED",
      "EMPLOYMENT_ALREADY_ENDED",
    ),
  },
});

export const checkInsRouter = newRouter()
  .openapi(mineRoute, async (c) => {
    const page = await listMyCheckIns(c.var.ctx, c.req.valid("query"));
    return c.json(
      {
        items: page.items.map((r) => toCheckInView(r.c, r.employerName)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(listRoute, async (c) => {
    const page = await listCheckIns(c.var.ctx, c.req.valid("param").id, c.req.valid("query"));
    return c.json(
      {
        items: page.items.map((r) => toCheckInView(r, page.employerName)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(getRoute, async (c) => {
    const { id, checkInId } = c.req.valid("param");
    const row = await getCheckIn(c.var.ctx, id, checkInId);
    return c.json(toCheckInView(row.c, row.employerName), 200);
  })
  .openapi(answerRoute, async (c) => {
    const { id, checkInId } = c.req.valid("param");
    const done = await answerCheckIn(c.var.ctx, id, checkInId, c.req.valid("json"));
    return c.json(toCheckInView(done.checkIn, done.employerName), 200);
  });
