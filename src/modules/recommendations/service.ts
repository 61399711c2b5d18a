import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { shortageAlerts } from "../../../db/schema/recommendations";
import { assertRole } from "../../lib/auth";
import type { Actor, Ctx } from "../../lib/ctx";
import type { DeclineReason } from "../../lib/enums";
import { AppError } from "../../lib/errors";
import { afterKeyset, decodeCursor, pageOf } from "../../lib/keyset";
import { addOutbox } from "../../lib/outbox";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import { applyInTx } from "../applications/service";
import { listNotificationsWithLabourer } from "../notifications/repo";
import { canonicalRegionCode } from "../regions/codes";
import { placeNames, type ShortageAlert } from "./alerts";
import { nextRoundFor } from "./next-round";
import {
  findLabourerHome,
  findRecommendation,
  findRecommendationWithHome,
  latestRounds,
  listAlerts,
  roundAlerts,
  roundItems,
  setFeedback,
} from "./repo";

/** A labourer record the actor may see: the labourer themselves, or staff whose region holds the home village. */
async function visibleLabourer(ctx: Ctx, labourerId: string) {
  const l = await findLabourerHome(ctx.db, labourerId);
  if (!l || !canSee(ctx.actor, l)) throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力");
  return l;
}

function canSee(actor: Actor, l: { id: string; villageCode: string }): boolean {
  if (actor.kind === "user" && actor.role === "labourer") return actor.labourerId === l.id;
  return inRegionScope(actor, l.villageCode);
}

/** Rounds newest first, each with its postings, score parts, reason and delivery status. */
export async function listRecommendations(ctx: Ctx, labourerId: string, input: { limit: number }) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "labourer"]);
  await visibleLabourer(ctx, labourerId);
  const rounds = await latestRounds(ctx.db, labourerId, input.limit);
  if (rounds.length === 0) return { rounds: [], placeNames: new Map<string, string>() };
  const ids = rounds.map((r) => r.id);
  const [items, alerts] = await Promise.all([roundItems(ctx.db, ids), roundAlerts(ctx.db, ids)]);
  return {
    rounds: rounds.map((round) => ({
      round,
      items: items.filter((i) => i.r.roundId === round.id),
      alert: alerts.find((a) => a.roundId === round.id) ?? null,
    })),
    placeNames: await placeNames(ctx.db, alerts),
  };
}

export type FeedbackInput =
  | { action: "viewed"; note?: string }
  | { action: "applied"; note?: string; consent?: { method: "phone" | "in_person"; at: string } }
  | {
      action: "declined";
      reason: DeclineReason;
      note?: string;
    };

/**
 * The labourer's answer to a recommendation — an offer they may decline, never an assignment
 * ("不代替脱贫群众作选择"). Staff may record it for them. Declines steer later rounds; a decided
 * answer (applied, declined) is not overwritten by a later "viewed". `applied` is an application
 * (src/modules/applications), created in the same transaction; staff recording it for the person
 * record the person's consent, as for any application made on someone's behalf.
 */
export async function recordFeedback(ctx: Ctx, recommendationId: string, input: FeedbackInput) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "labourer"]);
  const rec = await findRecommendationWithHome(ctx.db, recommendationId);
  if (!rec || !canSee(ctx.actor, { id: rec.r.labourerId, villageCode: rec.villageCode })) {
    throw new AppError("RECOMMENDATION_NOT_FOUND", "未找到该推荐");
  }
  if (input.action === "viewed" && rec.r.feedback !== "none") return rec.r;
  if (input.action === "applied") {
    // The application and the feedback are one write: applyInTx marks the recommendation applied
    // in its transaction, so a refused application (posting closed) leaves the feedback unchanged.
    return ctx.db.transaction(async (tx) => {
      await applyInTx(ctx, tx, {
        jobId: rec.r.jobId,
        source: "recommendation",
        recommendationId: rec.r.id,
        labourerId: rec.r.labourerId,
        ...(input.consent ? { consent: input.consent } : {}),
        ...(input.note ? { note: input.note } : {}),
      });
      return (await findRecommendation(tx, recommendationId))!;
    });
  }
  const updated = await setFeedback(ctx.db, recommendationId, {
    feedback: input.action,
    declineReason: input.action === "declined" ? input.reason : null,
    feedbackNote: input.note ?? null,
    feedbackAt: ctx.now(),
    feedbackBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
  });
  return updated ?? rec.r;
}

/**
 * Staff ask for a new round now. It continues the person's latest round (or starts round 1 of
 * their latest passed enrolment) and goes through the outbox like every other round.
 */
export async function requestRerun(ctx: Ctx, labourerId: string) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  await visibleLabourer(ctx, labourerId);
  const next = await nextRoundFor(ctx.db, labourerId);
  if (!next)
    throw new AppError("LABOURER_NOT_TRAINED", "该劳动力尚无培训合格记录，暂不能推送岗位", {
      field: "labourerId",
    });
  // Stored with trigger `rerun` (workers/recommend.ts keeps the payload's trigger).
  await ctx.db.transaction((tx) =>
    addOutbox(tx, {
      type: "recommendation.round-requested",
      aggregateId: next.enrolmentId,
      payload: { round: next.round, trigger: "rerun" },
    }),
  );
  return next;
}

/** Open shortage alerts in the caller's region (optionally narrowed to a sub-region), newest first. */
export async function listShortageAlerts(
  ctx: Ctx,
  input: { region?: string; status: "open" | "resolved"; cursor?: string; limit: number },
) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  let county: string | undefined;
  if (input.region) {
    const code = canonicalRegionCode(input.region);
    if (!code)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
    // A township code narrows to its county: alerts are kept per county.
    county = code.slice(0, 6);
  }
  const rows = await listAlerts(ctx.db, {
    scope: regionScopeSql(ctx.actor, shortageAlerts.countyCode),
    status: input.status,
    countyPrefix: county,
    after: afterKeyset(shortageAlerts.createdAt, shortageAlerts.id, decodeCursor(input.cursor)),
    limit: input.limit + 1,
  });
  const page = pageOf(rows, input.limit, (r) => r.a);
  return {
    ...page,
    placeNames: await placeNames(
      ctx.db,
      page.items.map((r) => r.a),
    ),
  };
}

/** Chinese names for an alert view's places. */
export const alertPlaceNames = (ctx: Ctx, alerts: Pick<ShortageAlert, "places">[]) =>
  placeNames(ctx.db, alerts);

/** Recent pushes in the caller's region: what was sent, to whom (masked), and what became of it. */
export async function listNotifications(ctx: Ctx, input: { cursor?: string; limit: number }) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  const rows = await listNotificationsWithLabourer(ctx.db, {
    scope: regionScopeSql(ctx.actor, labourers.villageCode),
    after: afterKeyset(notifications.createdAt, notifications.id, decodeCursor(input.cursor)),
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit, (r) => r.n);
}

// The module's other use cases, so that they are found here first.
export { createCadreDigests } from "./digest";
export { runRecommendationRound, runRecommendationRounds } from "./round";
export { roundBatcher, runRoundBatch, triggerOf } from "./round-batch";
export { PermanentRoundError } from "./round-types";
export { requestDueRounds } from "./schedule";
