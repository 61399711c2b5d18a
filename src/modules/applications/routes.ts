import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter, PageQuery } from "../../lib/http";
import { readApplicantContact } from "./contact";
import { listJobApplications, listLabourerApplications, listMyApplications } from "./list";
import {
  ApplicantContactView,
  ApplicantPage,
  ApplicationView,
  ApplyBody,
  LabourerApplicationsQuery,
  MoveBody,
  MoveResult,
  MyApplicationPage,
} from "./schemas";
import { applyToJob, moveApplication } from "./service";
import { toApplicantView, toApplicationView, toMyApplicationView } from "./view";

const applyRoute = createRoute({
  method: "post",
  path: "/api/v1/applications",
  tags: ["applications"],
  security: BEARER,
  summary:
    "报名岗位：本人报名，或帮扶干部、人社部门征得本人同意后代为报名；同一岗位重复报名返回原报名",
  request: { body: jsonBody(ApplyBody) },
  responses: {
    201: jsonResponse(ApplicationView, "已报名"),
    200: jsonResponse(ApplicationView, "已报过名，返回原报名"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "LABOURER_NOT_FOUND",
      "JOB_NOT_FOUND",
      "JOB_NOT_OPEN",
      "RECOMMENDATION_NOT_FOUND",
      "CONFLICT",
    ),
  },
});

// Registered before /applications/{id}/…: "mine" is not an id.
const mineRoute = createRoute({
  method: "get",
  path: "/api/v1/applications/mine",
  tags: ["applications"],
  security: BEARER,
  summary: "我的报名：每个报名的进度和下一步",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(MyApplicationPage, "我的报名"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const byLabourerRoute = createRoute({
  method: "get",
  path: "/api/v1/applications",
  tags: ["applications"],
  security: BEARER,
  summary: "某劳动力的报名记录（人社部门、帮扶干部，限本辖区）",
  request: { query: LabourerApplicationsQuery },
  responses: {
    200: jsonResponse(MyApplicationPage, "报名记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const moveRoute = createRoute({
  method: "post",
  path: "/api/v1/applications/{id}/moves",
  tags: ["applications"],
  security: BEARER,
  summary: "改变报名状态：用工单位查看、同意录用、不录用、录用上岗、未报到；本人或帮扶干部撤回",
  request: { params: IdParams, body: jsonBody(MoveBody) },
  responses: {
    200: jsonResponse(MoveResult, "已更新"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "APPLICATION_NOT_FOUND",
      "APPLICATION_STATE_CONFLICT",
      "JOB_HEADCOUNT_REACHED",
      "JOB_NOT_FOUND",
    ),
  },
});

const contactRoute = createRoute({
  method: "get",
  path: "/api/v1/applications/{id}/contact",
  tags: ["applications"],
  security: BEARER,
  summary: "查看求职者姓名和完整手机号：限招聘单位、同意录用之后；每次查看记入审计日志",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(ApplicantContactView, "姓名和电话"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "APPLICATION_NOT_FOUND",
      "APPLICATION_CONTACT_NOT_AVAILABLE",
    ),
  },
});

const jobApplicantsRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs/{id}/applications",
  tags: ["applications"],
  security: BEARER,
  summary: "岗位的报名人员（脱敏：姓氏、乡镇、年龄段、证书）",
  request: { params: IdParams, query: PageQuery },
  responses: {
    200: jsonResponse(ApplicantPage, "报名人员"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "JOB_NOT_FOUND"),
  },
});

export const applicationsRouter = newRouter()
  .openapi(mineRoute, async (c) => {
    const page = await listMyApplications(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toMyApplicationView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(byLabourerRoute, async (c) => {
    const q = c.req.valid("query");
    const page = await listLabourerApplications(c.var.ctx, q.labourerId, q);
    return c.json({ items: page.items.map(toMyApplicationView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(applyRoute, async (c) => {
    const { application, created } = await applyToJob(c.var.ctx, c.req.valid("json"));
    return created
      ? c.json(toApplicationView(application), 201)
      : c.json(toApplicationView(application), 200);
  })
  .openapi(moveRoute, async (c) => {
    const r = await moveApplication(c.var.ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      { application: toApplicationView(r.application), employmentId: r.employment?.id ?? null },
      200,
    );
  })
  .openapi(contactRoute, async (c) => {
    const body = await readApplicantContact(c.var.ctx, c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.json(body, 200);
  })
  .openapi(jobApplicantsRoute, async (c) => {
    const page = await listJobApplications(
      c.var.ctx,
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    const now = c.var.ctx.now();
    return c.json(
      { items: page.items.map((r) => toApplicantView(r, now)), nextCursor: page.nextCursor },
      200,
    );
  });
