import type { Executor } from "../../../db/client";
import type { notifications } from "../../../db/schema/notifications";
import type {
  RecommendationRound,
  recommendations,
  shortageAlerts,
} from "../../../db/schema/recommendations";
import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";
import type { Plan } from "../matching/plan";
import { MATCHER_VERSION } from "../matching/version";
import { insertNotifications } from "../notifications/repo";
import { resolveOpenAlerts, upsertOpenAlerts } from "./alerts";
import { type Settled, settle } from "./batcher";
import { roundMessage } from "./round-message";
import { findRounds, insertRecommendations, insertRounds } from "./round-repo";
import { key, type Planned, type RoundSummary, summaryOf, windowStart } from "./round-types";
import { lockLabourerRounds, mergesIntoWindow, recentRounds } from "./round-window";
import { reserveSpread, withGrant } from "./spread";

/** Storing planned rounds: one transaction per batch, each round alone if the batch fails. */

/**
 * Which of these (sorted) rounds join another round instead of being stored: a training-passed
 * round whose labourer has a round stored within the window, or an earlier round of the same
 * labourer in this batch. Answers key → the stored round, or the key of the batch round it joins.
 * Must run under lockLabourerRounds, so a concurrent batch's round is either committed (and seen
 * here) or waits for this transaction.
 */
async function roundsToJoin(
  ctx: Ctx,
  tx: Executor,
  sorted: Planned[],
): Promise<Map<string, RecommendationRound | string>> {
  const recent = await recentRounds(
    tx,
    sorted.filter((p) => mergesIntoWindow(p.input)).map((p) => p.loaded.labourer.id),
    windowStart(ctx),
  );
  const firstInBatch = new Map<string, string>();
  const out = new Map<string, RecommendationRound | string>();
  for (const { input, loaded } of sorted) {
    const labourerId = loaded.labourer.id;
    const joins = mergesIntoWindow(input)
      ? (recent.get(labourerId) ?? firstInBatch.get(labourerId))
      : undefined;
    // Its own key stored already is a retry, not a merge: ON CONFLICT below reports it.
    if (joins && (typeof joins === "string" || key(joins) !== key(input)))
      out.set(key(input), joins);
    else if (!firstInBatch.has(labourerId)) firstInBatch.set(labourerId, key(input));
  }
  return out;
}

/** The batch in one transaction; if that fails, each round alone, so one bad round fails only itself. */
export async function storeRoundsIsolated(
  ctx: Ctx,
  planned: Planned[],
): Promise<Map<string, Settled<RoundSummary>>> {
  const out = new Map<string, Settled<RoundSummary>>();
  if (planned.length === 0) return out;
  try {
    for (const [k, v] of await storeRounds(ctx, planned)) out.set(k, { ok: true, value: v });
    return out;
  } catch (err) {
    if (planned.length === 1) {
      out.set(key(planned[0]!.input), { ok: false, error: err });
      return out;
    }
    ctx.log.warn(
      { err, rounds: planned.length },
      "storing a batch of rounds failed; storing each on its own",
    );
  }
  for (const p of planned) {
    const r = await settle(storeRounds(ctx, [p]));
    out.set(key(p.input), r.ok ? { ok: true, value: r.value.get(key(p.input))! } : r);
  }
  return out;
}

/**
 * One transaction for all: rounds inserted in key order with ON CONFLICT DO NOTHING (a round
 * another run stored first is reported, not overwritten; the fixed order keeps two overlapping
 * batches from deadlocking), then the winners' recommendations, shortage alerts, notifications
 * and outbox rows as multi-row inserts.
 */
async function storeRounds(ctx: Ctx, planned: Planned[]): Promise<Map<string, RoundSummary>> {
  const now = ctx.now();
  const sorted = [...planned].sort((a, b) =>
    key(a.input) < key(b.input) ? -1 : key(a.input) > key(b.input) ? 1 : 0,
  );
  return ctx.db.transaction(async (tx) => {
    const out = new Map<string, RoundSummary>();
    const outcomeOf = (plan: Plan) =>
      (plan.ineligible
        ? "ineligible"
        : plan.shortage
          ? "shortage"
          : "complete") as RecommendationRound["outcome"];
    await lockLabourerRounds(
      tx,
      sorted.map((p) => p.loaded.labourer.id),
    );
    const joining = await roundsToJoin(ctx, tx, sorted);
    const planned = sorted.filter((p) => !joining.has(key(p.input)));
    // The spread rule is decided here, under per-posting locks, not by the plans (spread.ts).
    const grants = await reserveSpread(
      tx,
      planned.map((p) => ({
        key: key(p.input),
        picks: p.plan.picks,
        alternates: p.plan.alternates ?? [],
      })),
      {
        since: new Date(now.getTime() - ctx.config.ROUND_INTERVAL_DAYS * 86_400_000),
        multiple: ctx.config.SPREAD_MULTIPLE,
      },
    );
    const storing = planned.map((p) => ({
      ...p,
      plan: withGrant(p.plan, grants.get(key(p.input))),
    }));
    const inserted = await insertRounds(
      tx,
      storing.map(({ input, loaded, plan }) => ({
        labourerId: loaded.labourer.id,
        enrolmentId: input.enrolmentId,
        round: input.round,
        trigger: input.trigger ?? "training_passed",
        outcome: outcomeOf(plan),
        stepsTried: plan.stepsTried,
        stepUsed: plan.stepUsed,
        picked: plan.picks.length,
        ineligibleReason: plan.ineligible ?? null,
        matcherVersion: MATCHER_VERSION,
        createdAt: now,
      })),
    );
    const won = new Map(inserted.map((r) => [key(r), r.id]));
    const lost = storing.filter((p) => !won.has(key(p.input)));
    // A concurrent run of the same round won the race: report its result.
    if (lost.length)
      for (const [k, r] of await findRounds(
        tx,
        lost.map((p) => p.input),
      ))
        out.set(k, summaryOf(r));

    const recs: (typeof recommendations.$inferInsert)[] = [];
    const alerts: (typeof shortageAlerts.$inferInsert)[] = [];
    const notes: (typeof notifications.$inferInsert)[] = [];
    for (const { input, loaded, plan } of storing) {
      const roundId = won.get(key(input));
      if (!roundId) continue;
      const { labourer } = loaded;
      out.set(key(input), {
        roundId,
        outcome: outcomeOf(plan),
        picked: plan.picks.length,
        created: true,
      });
      // Without consent to be contacted the round is still stored (visible to the person and staff); the push is skipped.
      const delivery = labourer.contactConsent ? ("pending" as const) : ("skipped" as const);
      plan.picks.forEach((p, i) =>
        recs.push({
          roundId,
          labourerId: labourer.id,
          jobId: p.job.id,
          round: input.round,
          rank: i + 1,
          score: p.score.total,
          scoreParts: p.score.parts,
          reason: p.score.reason,
          distanceKm: p.score.distanceKm,
          step: p.step,
          deliveryStatus: delivery,
          createdAt: now,
        }),
      );
      if (plan.shortage) {
        alerts.push({
          roundId,
          labourerId: labourer.id,
          countyCode: loaded.countyCode,
          found: plan.picks.length,
          missing: plan.shortage.missing,
          occupations: plan.shortage.occupations,
          places: plan.shortage.places,
          stepsTried: plan.shortage.stepsTried,
          heldBackBySpread: plan.shortage.heldBackBySpread,
          createdAt: now,
        });
      }
      if (plan.picks.length) {
        notes.push({
          kind: "round",
          subjectKey: roundId,
          labourerId: labourer.id,
          status: delivery,
          content: roundMessage(plan, input.round),
          createdAt: now,
        });
      }
    }
    await insertRecommendations(tx, recs);
    await upsertOpenAlerts(tx, alerts);
    // A round with enough jobs, or one for a person no longer to be pushed jobs, closes the county's alert.
    await resolveOpenAlerts(
      tx,
      storing
        .filter((p) => won.has(key(p.input)) && outcomeOf(p.plan) === "complete")
        .map((p) => p.loaded.labourer.id),
      "round_complete",
      now,
    );
    await resolveOpenAlerts(
      tx,
      storing
        .filter((p) => won.has(key(p.input)) && outcomeOf(p.plan) === "ineligible")
        .map((p) => p.loaded.labourer.id),
      "ineligible",
      now,
    );
    if (notes.length) {
      const created = await insertNotifications(tx, notes);
      await addOutbox(
        tx,
        ...created
          .filter((n) => n.status === "pending")
          .map((n) => ({ type: "notification.created" as const, aggregateId: n.id })),
      );
    }
    for (const [k, joins] of joining) {
      const into = typeof joins === "string" ? out.get(joins)! : summaryOf(joins);
      out.set(k, { ...into, created: false, merged: true });
    }
    return out;
  });
}
