import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import {
  JsConfigQuery,
  JsConfigView,
  SubscribeBody,
  SubscriptionsView,
  WechatConfigView,
} from "./schemas";
import { mySubscriptions, recordSubscriptions, wechatJsConfig, wechatPageConfig } from "./service";

const configRoute = createRoute({
  method: "get",
  path: "/api/v1/wechat/config",
  tags: ["wechat"],
  summary: "微信登录是否开通、公众号 appId、授权地址和可订阅的提醒（无需登录）",
  responses: { 200: jsonResponse(WechatConfigView, "微信设置") },
});

const jsConfigRoute = createRoute({
  method: "get",
  path: "/api/v1/wechat/js-config",
  tags: ["wechat"],
  summary: "微信 JS-SDK 的 wx.config 签名（只为本站页面地址签名）",
  request: { query: JsConfigQuery },
  responses: {
    200: jsonResponse(JsConfigView, "签名"),
    ...errorResponses("VALIDATION_FAILED", "WECHAT_NOT_CONFIGURED", "WECHAT_UNAVAILABLE"),
  },
});

const mineRoute = createRoute({
  method: "get",
  path: "/api/v1/wechat/subscriptions",
  tags: ["wechat"],
  security: BEARER,
  summary: "求职者本人的微信提醒：是否绑定微信、每种提醒还剩几条",
  responses: {
    200: jsonResponse(SubscriptionsView, "微信提醒"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const subscribeRoute = createRoute({
  method: "post",
  path: "/api/v1/wechat/subscriptions",
  tags: ["wechat"],
  security: BEARER,
  summary: "记录求职者在页面上允许的微信订阅通知（每次允许可收到一条）",
  request: { body: jsonBody(SubscribeBody) },
  responses: {
    200: jsonResponse(SubscriptionsView, "已记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "VALIDATION_FAILED", "WECHAT_OPENID_MISSING"),
  },
});

export const wechatRouter = newRouter()
  .openapi(configRoute, (c) => c.json(wechatPageConfig(c.var.ctx), 200))
  .openapi(jsConfigRoute, async (c) =>
    c.json(await wechatJsConfig(c.var.ctx, c.req.valid("query")), 200),
  )
  .openapi(mineRoute, async (c) => c.json(await mySubscriptions(c.var.ctx), 200))
  .openapi(subscribeRoute, async (c) =>
    c.json(await recordSubscriptions(c.var.ctx, c.req.valid("json")), 200),
  );
