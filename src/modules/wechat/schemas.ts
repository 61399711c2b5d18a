import { z } from "@hono/zod-openapi";

export const WechatConfigView = z
  .object({
    enabled: z.boolean().openapi({ description: "微信登录是否开通（公众号网页授权）" }),
    appId: z.string().nullable().openapi({ example: "wx1234567890abcdef" }),
    authorizeUrl: z
      .string()
      .nullable()
      .openapi({ example: "https://open.weixin.qq.com/connect/oauth2/authorize" }),
    templates: z
      .array(z.string())
      .openapi({ description: "可在页面上订阅的订阅通知模板 id（岗位推荐、报名进度、服务提醒）" }),
  })
  .openapi("WechatConfig");

export const JsConfigQuery = z.object({
  url: z.string().trim().min(1).max(1000).openapi({ example: "https://gangtong.example.cn/h5/" }),
});

export const JsConfigView = z
  .object({
    appId: z.string(),
    timestamp: z.number().int().openapi({ example: 1414587457 }),
    nonceStr: z.string().openapi({ example: "Wm3WZYTPz0wzccnW" }),
    signature: z.string().openapi({ example: "0f9de62fce790f9a083d5c99e95740ceb90c27ed" }),
  })
  .openapi("WechatJsConfig");

export const SubscribeBody = z
  .object({
    accepted: z
      .array(z.string().trim().min(1).max(128))
      .max(10)
      .openapi({ description: "用户在订阅弹窗里点了「允许」的模板 id" }),
  })
  .openapi("WechatSubscribeBody");

export const SubscriptionsView = z
  .object({
    bound: z.boolean().openapi({ description: "本账号是否已绑定微信" }),
    subscriptions: z.array(
      z.object({
        templateId: z.string(),
        remaining: z.number().int().openapi({ description: "还能收到的微信提醒条数" }),
      }),
    ),
  })
  .openapi("WechatSubscriptions");
