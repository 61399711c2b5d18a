import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import {
  BEARER,
  IdParams,
  jsonBody,
  jsonResponse,
  newRouter,
  PageQuery,
  pageOf,
} from "../../lib/http";
import { toAlertView } from "./alert-view";
import { resolveShortageAlert } from "./alerts";
import {
  AlertQuery,
  FeedbackBody,
  FeedbackView,
  NotificationView,
  RerunView,
  ResolveAlertBody,
  RoundList,
  ShortageView,
  SuggestedCandidates,
} from "./schemas";
import {
  alertPlaceNames,
  listNotifications,
  listRecommendations,
  listShortageAlerts,
  recordFeedback,
  requestRerun,
} from "./service";
import { suggestCandidates } from "./suggest";

type Rounds = Awaited<ReturnType<typeof listRecommendations>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toRoundsView = ({ rounds, placeNames }: Rounds) => ({
  rounds: rounds.map(({ round, items, alert }) => ({
    id: round.id,
    round: round.round,
    trigger: round.trigger,
    outcome: round.outcome,
    stepsTried: round.stepsTried,
    stepUsed: round.stepUsed,
    ineligibleReason: round.ineligibleReason,
    createdAt: round.createdAt.toISOString(),
    shortage: alert ? toAlertView(alert, placeNames) : null,
    items: items.map(({ r, job, employerName }) => ({
      id: r.id,
      rank: r.rank,
      score: r.score,
      scoreParts: r.scoreParts as z.infer<
        typeof RoundList
      >["rounds"][number]["items"][number]["scoreParts"],
      reason: r.reason,
      distanceKm: r.distanceKm,
      step: r.step,
      feedback: r.feedback,
      declineReason: r.declineReason,
      deliveryStatus: r.deliveryStatus,
      job: {
        id: job.id,
        title: job.title,
        channel: job.channel,
        employerName,
        placeName: job.placeName,
        wage: { minFen: job.wageMinFen, maxFen: job.wageMaxFen, unit: job.wageUnit },
        status: job.status,
      },
    })),
  })),
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/labourers/{id}/recommendations",
  tags: ["recommendations"],
  security: BEARER,
  summary: "某劳动力的推荐记录（按轮次，最新在前）：岗位、得分构成、推荐理由、推送状态",
  request: {
    params: IdParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(52).default(10) }),
  },
  responses: {
    200: jsonResponse(RoundList, "推荐轮次"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND"),
  },
});

const feedbackRoute = createRoute({
  method: "post",
  path: "/api/v1/recommendations/{id}/feedback",
  tags: ["recommendations"],
  security: BEARER,
  summary: "对推荐岗位的反馈：已查看、报名、不感兴趣（附原因）",
  request: { params: IdParams, body: jsonBody(FeedbackBody) },
  responses: {
    200: jsonResponse(FeedbackView, "已记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "RECOMMENDATION_NOT_FOUND"),
  },
});

const rerunRoute = createRoute({
  method: "post",
  path: "/api/v1/labourers/{id}/recommendations/rerun",
  tags: ["recommendations"],
  security: BEARER,
  summary: "立即安排新一轮推荐（人社部门、帮扶干部）",
  request: { params: IdParams },
  responses: {
    202: jsonResponse(RerunView, "已安排"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "LABOURER_NOT_FOUND", "LABOURER_NOT_TRAINED"),
  },
});

const alertsRoute = createRoute({
  method: "get",
  path: "/api/v1/shortage-alerts",
  tags: ["recommendations"],
  security: BEARER,
  summary: "岗位缺口预警：合适岗位不足 3 个的培训合格人员（本辖区）",
  request: { query: AlertQuery },
  responses: {
    200: jsonResponse(pageOf(ShortageView, "ShortageAlertPage"), "预警列表"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const resolveAlertRoute = createRoute({
  method: "post",
  path: "/api/v1/shortage-alerts/{id}/resolve",
  tags: ["recommendations"],
  security: BEARER,
  summary: "处理岗位缺口预警（填写处理情况；限本辖区）",
  request: { params: IdParams, body: jsonBody(ResolveAlertBody) },
  responses: {
    200: jsonResponse(ShortageView, "已处理"),
    ...errorResponses(
      "VALIDATION_FAILED",
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SHORTAGE_ALERT_NOT_FOUND",
      "SHORTAGE_ALERT_RESOLVED",
    ),
  },
});

const notificationsRoute = createRoute({
  method: "get",
  path: "/api/v1/notifications",
  tags: ["recommendations"],
  security: BEARER,
  summary: "本辖区最近的推送记录（内容、对象、送达情况）",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(NotificationView, "NotificationPage"), "推送记录"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const candidatesRoute = createRoute({
  method: "get",
  path: "/api/v1/jobs/{id}/candidates",
  tags: ["recommendations"],
  security: BEARER,
  summary:
    "查看招聘中岗位的推荐人选（限已审核用工单位的岗位；只列岗位可推送到的人，人社部门和帮扶干部只看本辖区；报名前脱敏，只显示到乡镇）",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(SuggestedCandidates, "推荐人选，最合适的在前"),
    ...errorResponses("UNAUTHENTICATED", "JOB_NOT_FOUND", "JOB_NOT_OPEN", "EMPLOYER_NOT_VERIFIED"),
  },
});

export const recommendationsRouter = newRouter()
  .openapi(candidatesRoute, async (c) =>
    c.json({ items: await suggestCandidates(c.var.ctx, c.req.valid("param").id) }, 200),
  )
  .openapi(listRoute, async (c) => {
    const rounds = await listRecommendations(
      c.var.ctx,
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json(toRoundsView(rounds), 200);
  })
  .openapi(feedbackRoute, async (c) => {
    const r = await recordFeedback(c.var.ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(
      {
        id: r.id,
        feedback: r.feedback,
        declineReason: r.declineReason,
        feedbackAt: iso(r.feedbackAt),
      },
      200,
    );
  })
  .openapi(rerunRoute, async (c) => {
    const next = await requestRerun(c.var.ctx, c.req.valid("param").id);
    return c.json({ ...next, message: "已安排新一轮推荐，稍后可在推荐记录中查看" }, 202);
  })
  .openapi(alertsRoute, async (c) => {
    const page = await listShortageAlerts(c.var.ctx, c.req.valid("query"));
    return c.json(
      {
        items: page.items.map(({ a, name }) => toAlertView(a, page.placeNames, name)),
        nextCursor: page.nextCursor,
      },
      200,
    );
  })
  .openapi(resolveAlertRoute, async (c) => {
    const a = await resolveShortageAlert(c.var.ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(toAlertView(a, await alertPlaceNames(c.var.ctx, [a])), 200);
  })
  .openapi(notificationsRoute, async (c) => {
    const page = await listNotifications(c.var.ctx, c.req.valid("query"));
    return c.json(
      {
        items: page.items.map(({ n, name, phoneMasked }) => ({
          id: n.id,
          kind: n.kind,
          status: n.status,
          provider: n.provider,
          labourerName: name,
          phoneMasked,
          text: (n.content as { text?: string }).text ?? "",
          lastError: n.lastError,
          createdAt: n.createdAt.toISOString(),
          finishedAt: iso(n.finishedAt),
        })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });
