import { z } from "@hono/zod-openapi";
import { PageQuery } from "../../lib/http";
import {
  CHECK_IN_ANSWER_LABELS,
  CHECK_IN_ANSWERS,
  HELP_KIND_LABELS,
  HELP_KINDS,
  LEFT_REASON_LABELS,
  LEFT_REASONS,
} from "./rules";

const labelsOf = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k} ${v}`)
    .join(" / ");

const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .openapi({ example: "2026-12-01" });

export const CheckInParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  checkInId: z.uuid().openapi({ param: { name: "checkInId", in: "path" } }),
});

export const CheckInAnswerBody = z
  .object({
    answer: z.enum(CHECK_IN_ANSWERS).openapi({ description: labelsOf(CHECK_IN_ANSWER_LABELS) }),
    reason: z
      .enum(LEFT_REASONS)
      .optional()
      .openapi({ description: `answer 为 left 时必填：${labelsOf(LEFT_REASON_LABELS)}` }),
    note: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: "reason 为 other 时必填", example: "家里老人生病，回家照顾" }),
    endDate: DateString.optional().openapi({
      description: "answer 为 left 时：哪天不做了（默认今天，不早于上岗日期、不晚于今天）",
    }),
  })
  .openapi("CheckInAnswerBody");
export type CheckInAnswerBody = z.infer<typeof CheckInAnswerBody>;

export const CheckInView = z
  .object({
    id: z.uuid(),
    employmentId: z.uuid(),
    labourerId: z.uuid(),
    employerName: z.string(),
    dayOffset: z.int().openapi({ example: 7, description: "上岗后第几天：7、30、90" }),
    dueDate: z.string(),
    question: z.string().openapi({ example: "还在这里工作吗？" }),
    status: z.enum(["pending", "answered", "missed", "closed"]),
    statusLabel: z.string().openapi({ example: "待回答" }),
    recipient: z.enum(["labourer", "cadre", "none"]).openapi({
      description: "labourer 推送给本人 / cadre 本人无法接收，推送给帮扶干部 / none 无人可推送",
    }),
    askedAt: z.string(),
    answer: z.enum(CHECK_IN_ANSWERS).nullable(),
    answerLabel: z.string().nullable().openapi({ example: "在" }),
    reason: z.enum(LEFT_REASONS).nullable(),
    reasonLabel: z.string().nullable(),
    endDate: z.string().nullable(),
    note: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredRole: z.string().nullable(),
    followUpAt: z.string().nullable().openapi({ description: "3 天未回答转为帮扶干部待办的时间" }),
    createdAt: z.string(),
  })
  .openapi("CheckIn");

export const CheckInPage = z
  .object({ items: z.array(CheckInView), nextCursor: z.string().nullable() })
  .openapi("CheckInPage");

export const MyCheckInQuery = PageQuery.extend({
  status: z.enum(["pending", "answered", "missed", "closed"]).optional(),
});

export const HelpRequestBody = z
  .object({
    kind: z.enum(HELP_KINDS).openapi({ description: labelsOf(HELP_KIND_LABELS) }),
    text: z
      .string()
      .trim()
      .max(500, "补充说明最多 500 个字")
      .optional()
      .openapi({ example: "老板两个月没发工资了" }),
  })
  .openapi("HelpRequestBody");
export type HelpRequestBody = z.infer<typeof HelpRequestBody>;

export const HelpRequestView = z
  .object({
    id: z.uuid(),
    labourerId: z.uuid(),
    kind: z.enum(HELP_KINDS),
    kindLabel: z.string().openapi({ example: "工资被拖欠" }),
    text: z.string().nullable(),
    status: z.enum(["open", "answered"]),
    statusLabel: z.string().openapi({ example: "等待答复" }),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    answeredRole: z.string().nullable(),
    responseSeconds: z.int().nullable().openapi({ description: "从求助到首次答复的秒数" }),
    createdAt: z.string(),
  })
  .openapi("HelpRequest");

export const HelpRequestPage = z
  .object({ items: z.array(HelpRequestView), nextCursor: z.string().nullable() })
  .openapi("HelpRequestPage");

export const FollowUpQuery = PageQuery.extend({
  status: z.enum(["open", "resolved"]).default("open"),
  kind: z.enum(["check_in_unanswered", "help_request"]).optional(),
});

export const FollowUpView = z
  .object({
    id: z.uuid(),
    kind: z.enum(["check_in_unanswered", "help_request"]),
    kindLabel: z.string().openapi({ example: "求助" }),
    status: z.enum(["open", "resolved"]),
    statusLabel: z.string(),
    labourer: z.object({
      id: z.uuid(),
      name: z.string(),
      villageCode: z.string(),
      phoneMasked: z.string().nullable(),
    }),
    checkIn: z
      .object({
        id: z.uuid(),
        employmentId: z.uuid(),
        employerName: z.string(),
        dayOffset: z.int(),
        dueDate: z.string(),
      })
      .nullable(),
    helpRequest: z
      .object({
        id: z.uuid(),
        kind: z.enum(HELP_KINDS),
        kindLabel: z.string(),
        text: z.string().nullable(),
      })
      .nullable(),
    resolution: z.enum(["staff", "answered", "ended"]).nullable(),
    answer: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolvedRole: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("FollowUpTask");

export const FollowUpPage = z
  .object({ items: z.array(FollowUpView), nextCursor: z.string().nullable() })
  .openapi("FollowUpPage");

export const ResolveBody = z
  .object({
    answer: z
      .string()
      .trim()
      .min(2, "请写明答复或处理情况")
      .max(500, "答复最多 500 个字")
      .openapi({ example: "已电话联系，明天带他去零工市场" }),
  })
  .openapi("ResolveFollowUpBody");
export type ResolveBody = z.infer<typeof ResolveBody>;
