import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import { readJobContact } from "./contact";
import type { Channel } from "./rules";
import {
  CloseJobBody,
  CreateJobBody,
  JobContactView,
  JobDetailQuery,
  JobListQuery,
  JobPage,
  JobView,
  UpdateJobBody,
} from "./schemas";
import { encodeOffset, type SearchPage, toSearchInput } from "./search-query";
import { JobSearchQuery, JobSearchResult } from "./search-schemas";
import { searchJobs } from "./search-service";
import {
  closeJob,
  createJob,
  fillJob,
  getJobForReader,
  listJobs,
  openJob,
  updateJob,
} from "./service";
import { toJobView } from "./view";

const WRITE_ERRORS = ["UNAUTHENTICATED", "FORBIDDEN", "JOB_NOT_FOUND"] as const;

// Registered before /jobs/{id}: "search" is not an id.
const searchRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs/search",
  tags: ["jobs"],
  summary:
    "岗位搜索（关键词、渠道、地区、附近、工资、证书）；搜索引擎不可用时由数据库作答并标记 degraded",
  request: { query: JobSearchQuery },
  responses: { 200: jsonResponse(JobSearchResult, "搜索结果") },
});

const createJobRoute = createRoute({
  method: "post",
  path: "/api/v1/jobs",
  tags: ["jobs"],
  security: BEARER,
  summary: "新建岗位（草稿）：用工单位为本单位发布，人社部门可代辖区用工单位发布",
  request: { body: jsonBody(CreateJobBody) },
  responses: {
    201: jsonResponse(JobView, "已创建草稿"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYER_NOT_FOUND",
      "JOB_CHANNEL_NOT_ALLOWED",
      "JOB_DISCRIMINATORY",
    ),
  },
});

const listJobsRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs",
  tags: ["jobs"],
  security: BEARER,
  summary: "岗位管理列表：用工单位看本单位，人社部门和帮扶干部看本辖区",
  request: { query: JobListQuery },
  responses: {
    200: jsonResponse(JobPage, "岗位列表"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getJobRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs/{id}",
  tags: ["jobs"],
  summary: "岗位详情（联系电话仅显示掩码；求职者登录后带按已知精度说的距离 distanceText）",
  request: { params: IdParams, query: JobDetailQuery },
  responses: { 200: jsonResponse(JobView, "岗位"), ...errorResponses("JOB_NOT_FOUND") },
});

const contactRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs/{id}/contact",
  tags: ["jobs"],
  security: BEARER,
  summary:
    "查看岗位联系人的完整手机号（每次查看都记入审计日志）：求职者限招聘中的岗位、每天限定岗位数（默认 30 个）；管理人员限本辖区；用工单位限本单位",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(JobContactView, "联系人和完整手机号"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "JOB_NOT_FOUND",
      "JOB_NOT_OPEN",
      "JOB_CONTACT_DAILY_LIMIT",
    ),
  },
});

const updateJobRoute = createRoute({
  method: "patch",
  path: "/api/v1/jobs/{id}",
  tags: ["jobs"],
  security: BEARER,
  summary: "修改草稿或招聘中的岗位",
  request: { params: IdParams, body: jsonBody(UpdateJobBody) },
  responses: {
    200: jsonResponse(JobView, "已修改"),
    ...errorResponses(
      ...WRITE_ERRORS,
      "JOB_NOT_OPEN",
      "JOB_DISCRIMINATORY",
      "JOB_CHANNEL_NOT_ALLOWED",
    ),
  },
});

const openJobRoute = createRoute({
  method: "post",
  path: "/api/v1/jobs/{id}/open",
  tags: ["jobs"],
  security: BEARER,
  summary: "发布岗位（须用工单位已通过审核）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(JobView, "已发布"),
    ...errorResponses(
      ...WRITE_ERRORS,
      "JOB_NOT_DRAFT",
      "EMPLOYER_NOT_VERIFIED",
      "JOB_CHANNEL_NOT_ALLOWED",
    ),
  },
});

const closeJobRoute = createRoute({
  method: "post",
  path: "/api/v1/jobs/{id}/close",
  tags: ["jobs"],
  security: BEARER,
  summary: "关闭岗位；人社部门可下架辖区内任何岗位（须填写原因）",
  request: { params: IdParams, body: jsonBody(CloseJobBody) },
  responses: {
    200: jsonResponse(JobView, "已关闭"),
    ...errorResponses(...WRITE_ERRORS, "JOB_NOT_OPEN"),
  },
});

const fillJobRoute = createRoute({
  method: "post",
  path: "/api/v1/jobs/{id}/fill",
  tags: ["jobs"],
  security: BEARER,
  summary: "标记岗位已招满",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(JobView, "已招满"),
    ...errorResponses(...WRITE_ERRORS, "JOB_NOT_OPEN"),
  },
});

/** Each field named (no rest/spread copies of the hit: V8 copies those slowly, and a page has fifty). */
function toSearchBody(page: SearchPage & { degraded: boolean }, offset: number, limit: number) {
  return {
    items: page.hits.map((h) => ({
      id: h.id,
      title: h.title,
      channel: h.channel as Channel,
      occupation: h.occupation,
      employer: { id: h.employerId, name: h.employerName },
      wage: {
        minFen: h.wageMinFen,
        maxFen: h.wageMaxFen,
        unit: h.wageUnit as "day" | "month" | "piece",
      },
      headcount: h.headcount,
      regionCode: h.regionCode,
      placeName: h.placeName,
      lat: h.lat,
      lng: h.lng,
      benefits: h.benefits,
      certificates: h.certificates,
      workStartOn: h.workStartOn,
      workEndOn: h.workEndOn,
      pointToPoint: h.pointToPoint,
      boardAndLodging: h.boardAndLodging,
      coBuiltPark: h.coBuiltPark ?? false,
      transportSubsidyEligible: h.transportSubsidyEligible,
      physicalDemand: h.physicalDemand ?? "normal",
      postedAt: new Date(h.postedAt).toISOString(),
      expiresAt: new Date(h.expiresAt).toISOString(),
      ...(h.distanceKm !== undefined ? { distanceKm: h.distanceKm } : {}),
      distanceText: h.distanceText ?? null,
    })),
    nextCursor: page.hasMore ? encodeOffset(offset + limit) : null,
    estimatedTotal: page.estimatedTotal,
    degraded: page.degraded,
  };
}

export const jobsRouter = newRouter()
  .openapi(searchRoute, async (c) => {
    const input = toSearchInput(c.req.valid("query"));
    return c.json(toSearchBody(await searchJobs(c.var.ctx, input), input.offset, input.limit), 200);
  })
  .openapi(createJobRoute, async (c) =>
    c.json(toJobView(await createJob(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listJobsRoute, async (c) => {
    const page = await listJobs(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toJobView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getJobRoute, async (c) => {
    const r = await getJobForReader(c.var.ctx, c.req.valid("param").id, c.req.valid("query").near);
    return c.json({ ...toJobView(r.job), distanceText: r.distanceText }, 200);
  })
  .openapi(contactRoute, async (c) => {
    const body = await readJobContact(c.var.ctx, c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.json(body, 200);
  })
  .openapi(updateJobRoute, async (c) =>
    c.json(
      toJobView(await updateJob(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(openJobRoute, async (c) =>
    c.json(toJobView(await openJob(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(closeJobRoute, async (c) =>
    c.json(toJobView(await closeJob(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))), 200),
  )
  .openapi(fillJobRoute, async (c) =>
    c.json(toJobView(await fillJob(c.var.ctx, c.req.valid("param").id)), 200),
  );
