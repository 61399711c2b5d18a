import { createRoute } from "@hono/zod-openapi";
import { clientIp } from "../../lib/client-ip";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import {
  LoginBody,
  OtpRequestBody,
  OtpRequestView,
  OtpVerifyBody,
  SessionView,
  WechatLoginBody,
} from "./schemas";
import { loginWithPassword, loginWithWechat, logout, requestOtp, verifyOtp } from "./service";

const loginRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  tags: ["auth"],
  summary: "工作人员、用工单位用户名密码登录",
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: jsonResponse(SessionView, "登录成功"),
    ...errorResponses(
      "INVALID_CREDENTIALS",
      "ACCOUNT_DISABLED",
      "RATE_LIMITED",
      "SERVICE_UNAVAILABLE",
    ),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  tags: ["auth"],
  security: BEARER,
  summary: "退出登录：本账号在所有设备上的登录凭证立即失效",
  responses: {
    204: { description: "已退出" },
    ...errorResponses("UNAUTHENTICATED", "ACCOUNT_DISABLED"),
  },
});

const otpRequestRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/otp",
  tags: ["auth"],
  summary: "求职者获取手机验证码",
  request: { body: jsonBody(OtpRequestBody) },
  responses: {
    202: jsonResponse(OtpRequestView, "已受理"),
    ...errorResponses("RATE_LIMITED", "SERVICE_UNAVAILABLE"),
  },
});

const otpVerifyRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/otp/verify",
  tags: ["auth"],
  summary: "求职者手机验证码登录（可同时绑定微信）",
  request: { body: jsonBody(OtpVerifyBody) },
  responses: {
    200: jsonResponse(SessionView, "登录成功"),
    ...errorResponses("OTP_INVALID", "OTP_EXPIRED", "ACCOUNT_DISABLED"),
  },
});

const wechatRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/wechat",
  tags: ["auth"],
  summary: "微信网页授权登录：用 code 换取身份；未绑定时返回 WECHAT_NOT_BOUND 及 details.bindToken",
  request: { body: jsonBody(WechatLoginBody) },
  responses: {
    200: jsonResponse(SessionView, "登录成功"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "WECHAT_NOT_BOUND",
      "WECHAT_LOGIN_FAILED",
      "WECHAT_NOT_CONFIGURED",
      "ACCOUNT_DISABLED",
    ),
  },
});

export const authRouter = newRouter()
  .openapi(loginRoute, async (c) =>
    c.json(await loginWithPassword(c.var.ctx, c.req.valid("json"), clientIp(c)), 200),
  )
  .openapi(logoutRoute, async (c) => {
    await logout(c.var.ctx);
    return c.body(null, 204);
  })
  .openapi(otpRequestRoute, async (c) =>
    c.json(await requestOtp(c.var.ctx, c.req.valid("json"), clientIp(c)), 202),
  )
  .openapi(otpVerifyRoute, async (c) =>
    c.json(await verifyOtp(c.var.ctx, c.req.valid("json")), 200),
  )
  .openapi(wechatRoute, async (c) =>
    c.json(await loginWithWechat(c.var.ctx, c.req.valid("json")), 200),
  );
