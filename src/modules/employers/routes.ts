import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../../lib/client-ip";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import {
  CreateEmployerBody,
  EmployerContactView,
  EmployerListQuery,
  EmployerPage,
  EmployerView,
  RegisterEmployerBody,
  RegistrationView,
  SuspendEmployerBody,
  UpdateEmployerBody,
  VerifyEmployerBody,
} from "./schemas";
import {
  createEmployer,
  getEmployer,
  listEmployers,
  registerEmployer,
  revealEmployerContact,
  updateEmployer,
} from "./service";
import { suspendEmployer, verifyEmployer } from "./verification";
import { toEmployerView } from "./view";

const TAGS = ["employers"];

const registerRoute = createRoute({
  method: "post",
  path: "/api/v1/employers/register",
  tags: TAGS,
  summary: "用工单位自助注册（注册后待人社部门认证，认证前发布的岗位不对求职者展示）",
  request: { body: jsonBody(RegisterEmployerBody) },
  responses: {
    201: jsonResponse(RegistrationView, "已注册并登录"),
    ...errorResponses("CREDIT_CODE_INVALID", "EMPLOYER_DUPLICATE", "CONFLICT", "RATE_LIMITED"),
  },
});

const createEmployerRoute = createRoute({
  method: "post",
  path: "/api/v1/employers",
  tags: TAGS,
  security: BEARER,
  summary: "人社部门代小微、零散雇主登记用工单位",
  request: { body: jsonBody(CreateEmployerBody) },
  responses: {
    201: jsonResponse(EmployerView, "已登记（待认证）"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "CREDIT_CODE_INVALID", "EMPLOYER_DUPLICATE"),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/employers",
  tags: TAGS,
  security: BEARER,
  summary: "用工单位列表（工作人员看本辖区，用工单位只看本单位）",
  request: { query: EmployerListQuery },
  responses: {
    200: jsonResponse(EmployerPage, "用工单位"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/employers/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "用工单位详情",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(EmployerView, "用工单位"),
    ...errorResponses("UNAUTHENTICATED", "EMPLOYER_NOT_FOUND"),
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/api/v1/employers/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "修改用工单位信息（用工单位改联系人；人社部门还可改名称、车间认定）",
  request: { params: IdParams, body: jsonBody(UpdateEmployerBody) },
  responses: {
    200: jsonResponse(EmployerView, "已修改"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYER_NOT_FOUND", "EMPLOYER_DUPLICATE"),
  },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/api/v1/employers/{id}/verify",
  tags: TAGS,
  security: BEARER,
  summary: "认证用工单位（也用于解除暂停）；其岗位随即可被搜索和推荐",
  request: { params: IdParams, body: jsonBody(VerifyEmployerBody) },
  responses: {
    200: jsonResponse(EmployerView, "已认证"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYER_NOT_FOUND",
      "EMPLOYER_STATUS_UNCHANGED",
    ),
  },
});

const suspendRoute = createRoute({
  method: "post",
  path: "/api/v1/employers/{id}/suspend",
  tags: TAGS,
  security: BEARER,
  summary: "暂停用工单位（须填写原因）；其岗位随即停止展示和推荐",
  request: { params: IdParams, body: jsonBody(SuspendEmployerBody) },
  responses: {
    200: jsonResponse(EmployerView, "已暂停"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYER_NOT_FOUND",
      "EMPLOYER_STATUS_UNCHANGED",
    ),
  },
});

const contactRoute = createRoute({
  method: "get",
  path: "/api/v1/employers/{id}/contact",
  tags: TAGS,
  security: BEARER,
  summary: "查看联系人完整手机号（每次查看记入审计日志）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(EmployerContactView, "联系方式"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYER_NOT_FOUND"),
  },
});

export const employersRouter = newRouter()
  .openapi(registerRoute, async (c) => {
    const { employer, session } = await registerEmployer(
      c.var.ctx,
      c.req.valid("json"),
      clientIp(c),
    );
    return c.json({ employer: toEmployerView(employer), session }, 201);
  })
  .openapi(createEmployerRoute, async (c) =>
    c.json(toEmployerView(await createEmployer(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listRoute, async (c) => {
    const page = await listEmployers(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toEmployerView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) =>
    c.json(toEmployerView(await getEmployer(c.var.ctx, c.req.valid("param").id)), 200),
  )
  .openapi(updateRoute, async (c) =>
    c.json(
      toEmployerView(await updateEmployer(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(verifyRoute, async (c) =>
    c.json(
      toEmployerView(await verifyEmployer(c.var.ctx, c.req.valid("param").id, c.req.valid("json"))),
      200,
    ),
  )
  .openapi(suspendRoute, async (c) =>
    c.json(
      toEmployerView(
        await suspendEmployer(c.var.ctx, c.req.valid("param").id, c.req.valid("json")),
      ),
      200,
    ),
  )
  .openapi(contactRoute, async (c) =>
    c.json(await revealEmployerContact(c.var.ctx, c.req.valid("param").id), 200),
  );
