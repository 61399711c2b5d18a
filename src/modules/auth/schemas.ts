import { z } from "@hono/zod-openapi";

export const RoleSchema = z
  .enum(["admin", "bureau", "cadre", "employer", "labourer"])
  .openapi({ description: "角色" });

export const LoginBody = z
  .object({
    username: z.string().trim().min(1).max(64).openapi({ example: "gongcheng_bureau" }),
    password: z.string().min(1).max(200).openapi({ example: "••••••••••" }),
  })
  .openapi("LoginBody");

export const SessionView = z
  .object({
    token: z.string().openapi({ description: "Bearer 令牌" }),
    expiresIn: z.number().int().openapi({ example: 28800, description: "有效期（秒）" }),
    user: z.object({
      id: z.uuid(),
      role: RoleSchema,
      displayName: z.string().openapi({ example: "恭城县就业服务中心" }),
      regionCode: z.string().nullable().openapi({ example: "450332" }),
      employerId: z.uuid().nullable(),
      labourerId: z.uuid().nullable(),
    }),
  })
  .openapi("Session");

export const OtpRequestBody = z
  .object({ phone: z.string().trim().min(5).max(20).openapi({ example: "138 0771 2345" }) })
  .openapi("OtpRequestBody");

export const OtpRequestView = z
  .object({
    sent: z.literal(true),
    expiresIn: z.number().int().openapi({ example: 300 }),
    message: z.string().openapi({ example: "如该手机号已登记，验证码已发送" }),
  })
  .openapi("OtpRequested");

export const OtpVerifyBody = z
  .object({
    phone: z.string().trim().min(5).max(20).openapi({ example: "13807712345" }),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "验证码为 6 位数字")
      .openapi({ example: "123456" }),
    wechatBindToken: z
      .string()
      .optional()
      .openapi({ description: "微信登录返回的绑定凭证：验证成功后把微信号绑定到本人" }),
  })
  .openapi("OtpVerifyBody");

export const WechatLoginBody = z
  .object({ code: z.string().trim().min(1).max(200).openapi({ example: "071aBc000xYz" }) })
  .openapi("WechatLoginBody");

export const CreateUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_.-]{3,64}$/, "用户名为 3-64 位字母、数字或 _ . -")
      .openapi({ example: "gongcheng_cadre01" }),
    password: z.string().min(10, "密码至少 10 位").max(200),
    role: z.enum(["admin", "bureau", "cadre"]).openapi({ description: "可创建的工作人员角色" }),
    displayName: z.string().trim().min(1).max(60).openapi({ example: "莲花镇帮扶干部 李明" }),
    regionCode: z
      .string()
      .trim()
      .regex(/^\d{2,12}$/)
      .optional()
      .openapi({ example: "450332" }),
  })
  .openapi("CreateUserBody");

export const UserView = z
  .object({
    id: z.uuid(),
    username: z.string().nullable(),
    role: RoleSchema,
    displayName: z.string(),
    regionCode: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("User");

export const MeView = SessionView.shape.user.openapi("Me");
