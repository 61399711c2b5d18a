import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../../lib/client-ip";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter, pageOf } from "../../lib/http";
import { confirmPhoneChange, requestPhoneChangeCode } from "./phone";
import {
  CreateLabourerBody,
  LabourerIdentityView,
  LabourerListQuery,
  LabourerView,
  PhoneChangeBody,
  PhoneCodeBody,
  PhoneCodeView,
  UpdateLabourerBody,
  UpdateMyProfileBody,
} from "./schemas";
import {
  createLabourer,
  getLabourer,
  getMyProfile,
  listLabourers,
  readLabourerIdentity,
  updateLabourer,
  updateMyProfile,
} from "./service";
import { verifyLabourer } from "./verify";
import { toLabourerView } from "./view";

const WRITE_ERRORS = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "ID_NUMBER_INVALID",
  "LABOURER_AGE_OUT_OF_RANGE",
  "LABOURER_DUPLICATE",
  "HOUSEHOLD_NOT_FOUND",
] as const;

const createLabourerRoute = createRoute({
  method: "post",
  path: "/api/v1/labourers",
  tags: ["labourers"],
  security: BEARER,
  summary: "登记脱贫劳动力（一人一档；填手机号即开通验证码登录）",
  request: { body: jsonBody(CreateLabourerBody) },
  responses: {
    201: jsonResponse(LabourerView, "已登记（证件号、手机号均已脱敏）"),
    ...errorResponses(...WRITE_ERRORS, "CONFLICT"),
  },
});

const listLabourersRoute = createRoute({
  method: "get",
  path: "/api/v1/labourers",
  tags: ["labourers"],
  security: BEARER,
  summary: "本辖区登记人员列表（按登记时间倒序，游标分页）",
  request: { query: LabourerListQuery },
  responses: {
    200: jsonResponse(pageOf(LabourerView, "LabourerPage"), "登记人员"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getMeRoute = createRoute({
  method: "get",
  path: "/api/v1/labourers/me",
  tags: ["labourers"],
  security: BEARER,
  summary: "求职者查看本人登记信息",
  responses: {
    200: jsonResponse(LabourerView, "本人信息"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const updateMeRoute = createRoute({
  method: "patch",
  path: "/api/v1/labourers/me",
  tags: ["labourers"],
  security: BEARER,
  summary:
    "求职者修改本人务工意愿、意向城市、技能、期望工资、是否接收推送、推送方式（手机号须验证新号码，见 /labourers/me/phone）",
  request: { body: jsonBody(UpdateMyProfileBody) },
  responses: {
    200: jsonResponse(LabourerView, "已保存"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "LABOURER_NOT_FOUND",
      "PHONE_CHANGE_NEEDS_CODE",
    ),
  },
});

const phoneCodeRoute = createRoute({
  method: "post",
  path: "/api/v1/labourers/me/phone/code",
  tags: ["labourers"],
  security: BEARER,
  summary: "求职者换手机号第一步：向新手机号发送验证码",
  request: { body: jsonBody(PhoneCodeBody) },
  responses: {
    202: jsonResponse(PhoneCodeView, "已发送"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "LABOURER_NOT_FOUND",
      "RATE_LIMITED",
      "SERVICE_UNAVAILABLE",
    ),
  },
});

const phoneChangeRoute = createRoute({
  method: "post",
  path: "/api/v1/labourers/me/phone",
  tags: ["labourers"],
  security: BEARER,
  summary:
    "求职者换手机号第二步：提交新手机号收到的验证码，验证通过后更换（登录手机号随之更换，记入审计日志）",
  request: { body: jsonBody(PhoneChangeBody) },
  responses: {
    200: jsonResponse(LabourerView, "已更换（手机号已脱敏）"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "LABOURER_NOT_FOUND",
      "PHONE_CODE_INVALID",
      "PHONE_CODE_EXPIRED",
      "PHONE_TAKEN",
    ),
  },
});

const getLabourerRoute = createRoute({
  method: "get",
  path: "/api/v1/labourers/{id}",
  tags: ["labourers"],
  security: BEARER,
  summary: "登记人员详情（脱敏）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(LabourerView, "登记人员"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const updateLabourerRoute = createRoute({
  method: "patch",
  path: "/api/v1/labourers/{id}",
  tags: ["labourers"],
  security: BEARER,
  summary: "修改登记信息（只改提交的字段；null 表示清除）",
  request: { params: IdParams, body: jsonBody(UpdateLabourerBody) },
  responses: {
    200: jsonResponse(LabourerView, "已保存"),
    ...errorResponses(...WRITE_ERRORS, "LABOURER_NOT_FOUND"),
  },
});

const identityRoute = createRoute({
  method: "get",
  path: "/api/v1/labourers/{id}/identity",
  tags: ["labourers"],
  security: BEARER,
  summary: "查看完整身份证号和手机号（每次查看都记入审计日志）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(LabourerIdentityView, "完整证件信息"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const verifyRoute = createRoute({
  method: "post",
  path: "/api/v1/labourers/{id}/verify",
  tags: ["labourers"],
  security: BEARER,
  summary: "核实登记信息（本辖区工作人员；姓名、身份证号、村或人员类别改动后需重新核实）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(LabourerView, "已核实"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "LABOURER_NOT_FOUND",
      "LABOURER_ALREADY_VERIFIED",
    ),
  },
});

// `/labourers/me` is registered before `/labourers/{id}` so that "me" never reaches the id route.
export const labourersRouter = newRouter()
  .openapi(getMeRoute, async (c) =>
    c.json(toLabourerView(await getMyProfile(c.var.ctx), c.var.ctx.now()), 200),
  )
  .openapi(updateMeRoute, async (c) =>
    c.json(
      toLabourerView(await updateMyProfile(c.var.ctx, c.req.valid("json")), c.var.ctx.now()),
      200,
    ),
  )
  .openapi(phoneCodeRoute, async (c) =>
    c.json(await requestPhoneChangeCode(c.var.ctx, c.req.valid("json"), clientIp(c)), 202),
  )
  .openapi(phoneChangeRoute, async (c) =>
    c.json(
      toLabourerView(await confirmPhoneChange(c.var.ctx, c.req.valid("json")), c.var.ctx.now()),
      200,
    ),
  )
  .openapi(createLabourerRoute, async (c) =>
    c.json(
      toLabourerView(await createLabourer(c.var.ctx, c.req.valid("json")), c.var.ctx.now()),
      201,
    ),
  )
  .openapi(listLabourersRoute, async (c) => {
    const page = await listLabourers(c.var.ctx, c.req.valid("query"));
    const now = c.var.ctx.now();
    return c.json(
      { items: page.items.map((r) => toLabourerView(r, now)), nextCursor: page.nextCursor },
      200,
    );
  })
  .openapi(getLabourerRoute, async (c) =>
    c.json(
      toLabourerView(await getLabourer(c.var.ctx, c.req.valid("param").id), c.var.ctx.now()),
      200,
    ),
  )
  .openapi(updateLabourerRoute, async (c) => {
    const row = await updateLabourer(c.var.ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(toLabourerView(row, c.var.ctx.now()), 200);
  })
  .openapi(identityRoute, async (c) =>
    c.json(await readLabourerIdentity(c.var.ctx, c.req.valid("param").id), 200),
  )
  .openapi(verifyRoute, async (c) =>
    c.json(
      toLabourerView(await verifyLabourer(c.var.ctx, c.req.valid("param").id), c.var.ctx.now()),
      200,
    ),
  );
