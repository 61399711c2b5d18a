import { z } from "@hono/zod-openapi";
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from "../../lib/enums";
import { PageQuery } from "../../lib/http";

const DeliveryStatus = z
  .enum(["pending", "sending", "delivered", "fallback", "failed", "unknown", "skipped"])
  .openapi({
    description:
      "推送状态：delivered 已送达，fallback 微信未达改短信送达，skipped 本人未同意接收推送，unknown 发送中断待核实",
  });

export const ScorePartsView = z
  .object({
    certificate: z.number(),
    skill: z.number(),
    distance: z.number(),
    wage: z.number(),
    capacity: z.number(),
    priority: z.number(),
    freshness: z.number(),
  })
  .openapi("ScoreParts", { description: "得分构成（已乘权重）" });

export const RecommendationView = z
  .object({
    id: z.uuid(),
    rank: z.number().int().openapi({ example: 1 }),
    score: z.number().openapi({ example: 0.82 }),
    scoreParts: ScorePartsView,
    reason: z.string().openapi({ example: "持有八桂家政证书 · 同乡镇 · 日薪 160 元" }),
    distanceKm: z.number().nullable().openapi({ example: 12.4 }),
    step: z.string().openapi({
      example: "county",
      description:
        "放宽到哪一步才入选（township/county/city/guangxi/guangdong/wage_floor/neighbour_occupations/safety_net 公益性岗位兜底）",
    }),
    feedback: z.enum(["none", "viewed", "applied", "declined"]),
    declineReason: z.enum(DECLINE_REASONS).nullable(),
    deliveryStatus: DeliveryStatus,
    job: z.object({
      id: z.uuid(),
      title: z.string().openapi({ example: "家政服务员（住家）" }),
      channel: z.enum(["odd_job", "workshop", "gd_gx", "public_welfare", "enterprise"]),
      employerName: z.string().openapi({ example: "恭城瑶族自治县莲花镇就业帮扶车间" }),
      placeName: z.string().openapi({ example: "桂林市 恭城瑶族自治县" }),
      wage: z.object({
        minFen: z.number().int(),
        maxFen: z.number().int(),
        unit: z.enum(["day", "month", "piece"]),
      }),
      status: z.string().openapi({ example: "open" }),
    }),
  })
  .openapi("Recommendation");

export const ShortageView = z
  .object({
    id: z.uuid(),
    labourerId: z.uuid(),
    labourerName: z.string().optional(),
    countyCode: z.string().openapi({ example: "450332" }),
    found: z.number().int().openapi({ example: 1 }),
    missing: z.number().int().openapi({ example: 2 }),
    occupations: z.array(z.string()).openapi({ example: ["家政服务员", "育婴员"] }),
    places: z.array(z.string()).openapi({ example: ["44", "45"] }),
    placeNames: z
      .array(z.string())
      .openapi({ example: ["广东省", "广西壮族自治区"], description: "places 的中文地名" }),
    stepsTried: z.array(z.string()).openapi({
      example: ["township", "county", "city", "guangxi", "wage_floor", "neighbour_occupations"],
    }),
    stepsTriedLabels: z
      .array(z.string())
      .openapi({ example: ["本乡镇", "本县", "本市", "广西区内", "放宽工资要求", "相近工种"] }),
    heldBackBySpread: z
      .number()
      .int()
      .openapi({ description: "合适但已推送给足够多人（招聘人数 × 倍数）而暂不再推的岗位数" }),
    roundId: z.uuid().openapi({ description: "最近一次岗位不足的推荐轮次" }),
    rounds: z
      .number()
      .int()
      .openapi({ example: 2, description: "该预警合并的不足轮次数（同一人只保留一条未处理预警）" }),
    summary: z.string().openapi({
      example:
        "在广西壮族自治区、广东省家政服务员、育婴员工种只找到 1 个合适岗位，还差 2 个；已放宽：本乡镇 → 本县 → 本市 → 广西区内 → 放宽工资要求 → 相近工种。",
    }),
    status: z.enum(["open", "resolved"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolution: z
      .enum(["staff", "round_complete", "ineligible", "employed", "superseded"])
      .nullable(),
    resolutionLabel: z.string().nullable().openapi({ example: "工作人员已处理" }),
    resolutionNote: z.string().nullable().openapi({ example: "已联系县城家政公司，安排面试" }),
    resolvedBy: z.uuid().nullable(),
  })
  .openapi("ShortageAlert");

export const ResolveAlertBody = z
  .object({
    note: z
      .string()
      .trim()
      .min(1, "请填写处理情况")
      .max(500)
      .openapi({ example: "已联系县城家政公司，安排面试" }),
  })
  .openapi("ResolveShortageAlertBody");

export const RoundView = z
  .object({
    id: z.uuid(),
    round: z.number().int().openapi({ example: 1 }),
    trigger: z.enum(["training_passed", "scheduled", "rerun", "intention_changed"]),
    outcome: z.enum(["complete", "shortage", "ineligible"]),
    stepsTried: z.array(z.string()),
    stepUsed: z.string().nullable(),
    ineligibleReason: z.string().nullable(),
    createdAt: z.string(),
    items: z.array(RecommendationView),
    shortage: ShortageView.nullable(),
  })
  .openapi("RecommendationRound");

export const RoundList = z.object({ rounds: z.array(RoundView) }).openapi("RecommendationRounds");

export const FeedbackBody = z
  .discriminatedUnion("action", [
    z.object({ action: z.literal("viewed"), note: z.string().max(200).optional() }),
    z.object({
      action: z.literal("applied"),
      note: z.string().max(200).optional(),
      consent: z
        .object({
          method: z.enum(["phone", "in_person"]),
          at: z.iso.datetime({ offset: true }),
        })
        .optional()
        .openapi({
          description: "帮扶干部、人社部门代为报名时必填：本人何时、以何种方式（电话/当面）同意",
        }),
    }),
    z.object({
      action: z.literal("declined"),
      reason: z.enum(DECLINE_REASONS).openapi({
        description: DECLINE_REASONS.map((r) => `${r} ${DECLINE_REASON_LABELS[r]}`).join(" / "),
      }),
      note: z.string().max(200).optional().openapi({ example: "孩子上学需要接送" }),
    }),
  ])
  .openapi("RecommendationFeedback");

export const FeedbackView = z
  .object({
    id: z.uuid(),
    feedback: z.enum(["none", "viewed", "applied", "declined"]),
    declineReason: z.string().nullable(),
    feedbackAt: z.string().nullable(),
  })
  .openapi("RecommendationFeedbackResult");

export const RerunView = z
  .object({
    enrolmentId: z.uuid(),
    round: z.number().int().openapi({ example: 2 }),
    message: z.string().openapi({ example: "已安排新一轮推荐，稍后可在推荐记录中查看" }),
  })
  .openapi("RerunRequested");

/** Paged like every list (PageQuery): a keyset cursor is 82 characters, so no shorter bound of its own. */
export const AlertQuery = PageQuery.extend({
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, "请填写正确的行政区划代码")
    .optional()
    .openapi({ example: "450332" }),
  status: z.enum(["open", "resolved"]).default("open"),
});

export const NotificationView = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: DeliveryStatus,
    provider: z.string().nullable(),
    labourerName: z.string(),
    phoneMasked: z.string().nullable().openapi({ example: "138****5678" }),
    text: z.string(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("Notification");

export const SuggestedCandidate = z
  .object({
    labourerId: z.uuid().nullable().openapi({ description: "仅在本人报名该岗位后提供" }),
    name: z.string().openapi({ example: "莫*英", description: "报名前为脱敏姓名" }),
    applied: z.boolean(),
    age: z.number().int().nullable().openapi({ example: 38 }),
    place: z
      .string()
      .nullable()
      .openapi({ example: "桂林市 恭城瑶族自治县 莲花镇", description: "报名前只到乡镇" }),
    phoneMasked: z
      .string()
      .nullable()
      .openapi({ example: "138****5678", description: "仅在本人报名该岗位后提供（脱敏）" }),
    labourCapacity: z.enum(["full", "half", "weak", "none"]),
    certificates: z.array(z.string()).openapi({ example: ["八桂家政"] }),
    skills: z.array(z.string()),
    score: z.number(),
    reason: z.string().openapi({ example: "持有八桂家政证书 · 距家 12 公里" }),
  })
  .openapi("SuggestedCandidate");

export const SuggestedCandidates = z
  .object({ items: z.array(SuggestedCandidate) })
  .openapi("SuggestedCandidates");
