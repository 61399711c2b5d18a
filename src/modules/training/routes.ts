import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import { enrol, failEnrolment, getEnrolment, listEnrolments, passEnrolment } from "./enrolments";
import {
  BrandList,
  CertificatesQuery,
  CertificatesView,
  CourseListQuery,
  CoursePage,
  CourseView,
  CreateCourseBody,
  EnrolBody,
  EnrolmentListQuery,
  EnrolmentPage,
  EnrolmentView,
  FailBody,
  PassBody,
} from "./schemas";
import { createCourse, getCertificates, getCourse, listBrands, listCourses } from "./service";
import { toCourseView, toEnrolmentView } from "./view";

const TAGS = ["training"];

const brandsRoute = createRoute({
  method: "get",
  path: "/api/v1/training/brands",
  tags: TAGS,
  summary: "劳务品牌目录（各品牌培训的职业）",
  responses: { 200: jsonResponse(BrandList, "劳务品牌") },
});

const createCourseRoute = createRoute({
  method: "post",
  path: "/api/v1/training/courses",
  tags: TAGS,
  security: BEARER,
  summary: "开设培训班",
  request: { body: jsonBody(CreateCourseBody) },
  responses: {
    201: jsonResponse(CourseView, "已开设"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "BRAND_NOT_FOUND"),
  },
});

const listCoursesRoute = createRoute({
  method: "get",
  path: "/api/v1/training/courses",
  tags: TAGS,
  security: BEARER,
  summary: "本辖区培训班",
  request: { query: CourseListQuery },
  responses: {
    200: jsonResponse(CoursePage, "培训班"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getCourseRoute = createRoute({
  method: "get",
  path: "/api/v1/training/courses/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "培训班详情",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(CourseView, "培训班"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "COURSE_NOT_FOUND"),
  },
});

const enrolRoute = createRoute({
  method: "post",
  path: "/api/v1/training/enrolments",
  tags: TAGS,
  security: BEARER,
  summary: "为求职者报名培训班（培训班和求职者都须在本辖区内）",
  request: { body: jsonBody(EnrolBody) },
  responses: {
    201: jsonResponse(EnrolmentView, "已报名"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "COURSE_NOT_FOUND",
      "LABOURER_NOT_FOUND",
      "ENROLMENT_DUPLICATE",
      "COURSE_FULL",
    ),
  },
});

const listEnrolmentsRoute = createRoute({
  method: "get",
  path: "/api/v1/training/enrolments",
  tags: TAGS,
  security: BEARER,
  summary: "培训报名记录（工作人员看本辖区培训班或本辖区求职者的；求职者看本人的）",
  request: { query: EnrolmentListQuery },
  responses: {
    200: jsonResponse(EnrolmentPage, "报名记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getEnrolmentRoute = createRoute({
  method: "get",
  path: "/api/v1/training/enrolments/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "培训报名记录详情",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(EnrolmentView, "报名记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "ENROLMENT_NOT_FOUND"),
  },
});

const passRoute = createRoute({
  method: "post",
  path: "/api/v1/training/enrolments/{id}/pass",
  tags: TAGS,
  security: BEARER,
  summary: "登记培训合格（含证书编号）；随即为其匹配推荐不少于 3 个岗位",
  request: { params: IdParams, body: jsonBody(PassBody) },
  responses: {
    200: jsonResponse(EnrolmentView, "已登记合格"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "ENROLMENT_NOT_FOUND",
      "ENROLMENT_ALREADY_FINAL",
    ),
  },
});

const failRoute = createRoute({
  method: "post",
  path: "/api/v1/training/enrolments/{id}/fail",
  tags: TAGS,
  security: BEARER,
  summary: "登记培训未通过",
  request: { params: IdParams, body: jsonBody(FailBody) },
  responses: {
    200: jsonResponse(EnrolmentView, "已登记未通过"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "ENROLMENT_NOT_FOUND",
      "ENROLMENT_ALREADY_FINAL",
    ),
  },
});

const certificatesRoute = createRoute({
  method: "get",
  path: "/api/v1/training/certificates",
  tags: TAGS,
  security: BEARER,
  summary: "求职者持有的培训合格证书、劳务品牌和职业",
  request: { query: CertificatesQuery },
  responses: {
    200: jsonResponse(CertificatesView, "证书"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

export const trainingRouter = newRouter()
  .openapi(brandsRoute, async (c) => c.json({ items: await listBrands(c.var.ctx) }, 200))
  .openapi(createCourseRoute, async (c) =>
    c.json(toCourseView(await createCourse(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listCoursesRoute, async (c) => {
    const page = await listCourses(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toCourseView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getCourseRoute, async (c) =>
    c.json(toCourseView(await getCourse(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(enrolRoute, async (c) =>
    c.json(toEnrolmentView(await enrol(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listEnrolmentsRoute, async (c) => {
    const page = await listEnrolments(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toEnrolmentView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getEnrolmentRoute, async (c) =>
    c.json(toEnrolmentView(await getEnrolment(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(passRoute, async (c) =>
    c.json(
      toEnrolmentView(await passEnrolment(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(failRoute, async (c) =>
    c.json(
      toEnrolmentView(await failEnrolment(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(certificatesRoute, async (c) =>
    c.json(await getCertificates(c.var.ctx, c.req.valid("query")), 200),
  );
