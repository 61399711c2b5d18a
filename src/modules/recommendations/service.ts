import { and, desc, eq, inArray, like, type SQL, sql } from "drizzle-orm";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import {
  notifications,
  recommendationRounds,
  recommendations,
  shortageAlerts,
} from "../../../db/schema/recommendations";
import { assertRole } from "../../lib/auth";
import type { Actor, Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { afterKeyset, decodeCursor, keysetOrder, pageOf } from "../../lib/keyset";
import { addOutbox } from "../../lib/outbox";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import { applyInTx } from "../applications/service";
import { canonicalRegionCode } from "../regions/codes";
import { placeNames, type ShortageAlert } from "./alerts";
import { nextRoundFor } from "./next-round";

/** A labourer record the actor may see: the labourer themselves, or staff whose region holds the home village. */
async function visibleLabourer(ctx: Ctx, labourerId: string) {
  const [l] = await ctx.db
    .select({ id: labourers.id, villageCode: labourers.villageCode })
    .from(labourers)
    .where(eq(labourers.id, labourerId))
    .limit(1);
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
  const rounds = await ctx.db
    .select()
    .from(recommendationRounds)
    .where(eq(recommendationRounds.labourerId, labourerId))
    .orderBy(desc(recommendationRounds.createdAt), desc(recommendationRounds.round))
    .limit(input.limit);
  if (rounds.length === 0) return { rounds: [], placeNames: new Map<string, string>() };
  const items = await ctx.db
    .select({ r: recommendations, job: jobs, employerName: employers.name })
    .from(recommendations)
    .innerJoin(jobs, eq(jobs.id, recommendations.jobId))
    .innerJoin(employers, eq(employers.id, jobs.employerId))
    .where(
      inArray(
        recommendations.roundId,
        rounds.map((r) => r.id),
      ),
    )
    .orderBy(recommendations.rank);
  const alerts = await ctx.db
    .select()
    .from(shortageAlerts)
    .where(
      inArray(
        shortageAlerts.roundId,
        rounds.map((r) => r.id),
      ),
    );
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
      reason: "too_far" | "wage_too_low" | "family" | "unsuitable_work" | "other";
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
  const [rec] = await ctx.db
    .select({ r: recommendations, villageCode: labourers.villageCode })
    .from(recommendations)
    .innerJoin(labourers, eq(labourers.id, recommendations.labourerId))
    .where(eq(recommendations.id, recommendationId))
    .limit(1);
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
      const [updated] = await tx
        .select()
        .from(recommendations)
        .where(eq(recommendations.id, recommendationId));
      return updated!;
    });
  }
  const [updated] = await ctx.db
    .update(recommendations)
    .set({
      feedback: input.action,
      declineReason: input.action === "declined" ? input.reason : null,
      feedbackNote: input.note ?? null,
      feedbackAt: ctx.now(),
      feedbackBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    })
    .where(
      and(
        eq(recommendations.id, recommendationId),
        // Checked in the statement, not only above: a late "viewed" from another tab must not overwrite a decision.
        input.action === "viewed" ? eq(recommendations.feedback, "none") : sql`true`,
      ),
    )
    .returning();
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
  const conds: (SQL | undefined)[] = [
    regionScopeSql(ctx.actor, shortageAlerts.countyCode),
    eq(shortageAlerts.status, input.status),
  ];
  if (input.region) {
    const code = canonicalRegionCode(input.region);
    if (!code)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
    // A township code narrows to its county: alerts are kept per county.
    conds.push(like(shortageAlerts.countyCode, `${code.slice(0, 6)}%`));
  }
  conds.push(afterKeyset(shortageAlerts.createdAt, shortageAlerts.id, decodeCursor(input.cursor)));
  const rows = await ctx.db
    .select({ a: shortageAlerts, name: labourers.name })
    .from(shortageAlerts)
    .innerJoin(labourers, eq(labourers.id, shortageAlerts.labourerId))
    .where(and(...conds))
    .orderBy(...keysetOrder(shortageAlerts.createdAt, shortageAlerts.id))
    .limit(input.limit + 1);
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
  const conds: (SQL | undefined)[] = [regionScopeSql(ctx.actor, labourers.villageCode)];
  conds.push(afterKeyset(notifications.createdAt, notifications.id, decodeCursor(input.cursor)));
  const rows = await ctx.db
    .select({ n: notifications, name: labourers.name, phoneMasked: labourers.phoneMasked })
    .from(notifications)
    .innerJoin(labourers, eq(labourers.id, notifications.labourerId))
    .where(and(...conds))
    .orderBy(...keysetOrder(notifications.createdAt, notifications.id))
    .limit(input.limit + 1);
  return pageOf(rows, input.limit, (r) => r.n);
}
