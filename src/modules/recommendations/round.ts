import { and, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import {
  notifications,
  type RecommendationRound,
  recommendationRounds,
  recommendations,
  type shortageAlerts,
} from "../../../db/schema/recommendations";
import { trainingEnrolments } from "../../../db/schema/training";
import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";
import { type Plan, planRecommendations } from "../matching/plan";
import { formatWage } from "../matching/reasons";
import { MATCHER_VERSION } from "../matching/version";
import { resolveOpenAlerts, upsertOpenAlerts } from "./alerts";
import { type Settled, settle } from "./batcher";
import { CandidateBatchFetcher } from "./candidates";
import { FullPostings } from "./full-postings";
import { loadMatchProfiles, type ProfileContext } from "./profile";
import { lockLabourerRounds, mergesIntoWindow, recentRounds } from "./round-window";
import { reserveSpread, withGrant } from "./spread";

export interface RoundInput {
  enrolmentId: string;
  round: number;
  trigger?: RecommendationRound["trigger"];
}

export interface RoundSummary {
  roundId: string;
  outcome: RecommendationRound["outcome"];
  picked: number;
  /** False when the round already existed: a retry or a duplicate event changed nothing. */
  created: boolean;
  /**
   * True when this trigger joined the labourer's round of the same trigger window (another course
   * passed at about the same time): `roundId` is that round; this enrolment gets none of its own.
   */
  merged?: boolean;
}

/** Thrown for a payload that can never succeed (unknown or not-passed enrolment): no retry. */
export class PermanentRoundError extends Error {}

/**
 * One recommendation round: a batch of one (see runRecommendationRounds). Used by tests, the
 * API's direct callers and anything that does not go through the recommend worker's batcher.
 */
export async function runRecommendationRound(ctx: Ctx, input: RoundInput): Promise<RoundSummary> {
  const [result] = await runRecommendationRounds(ctx, [input]);
  if (!result!.ok) throw result!.error;
  return result!.value;
}

const key = (i: { enrolmentId: string; round: number }) => `${i.enrolmentId}:${i.round}`;

/** Postings this process has seen full under the spread rule (MATCH_SKIP_FULL_POSTINGS; full-postings.ts). */
const fullPostings = new FullPostings();

/**
 * Many rounds at once, each as if run alone: plan (Meilisearch reads, outside any transaction),
 * then store each round, its picks, a shortage alert when fewer than three suitable postings
 * exist, and the push notification — all in one transaction keyed by (enrolment, round), so
 * running the same round twice changes nothing.
 *
 * Batched: one query each for existing rounds, enrolments and the five profile inputs; every
 * rung of every plan issued in the same turn goes to Meilisearch as one multi-search
 * (CandidateBatchFetcher); one transaction stores every round. Answers one settled result per
 * input, in order: an unknown or not-passed enrolment (PermanentRoundError) or a plan that throws
 * fails only its own input; the same key twice runs once (the repeats report `created: false`).
 * A failing read fails the whole batch (its callers retry); if the batch's transaction fails,
 * each round is stored again on its own so one bad round cannot hold back the others.
 */
export async function runRecommendationRounds(
  ctx: Ctx,
  inputs: RoundInput[],
): Promise<Settled<RoundSummary>[]> {
  const results = new Map<string, Settled<RoundSummary>>();
  const unique = new Map<string, RoundInput>();
  for (const input of inputs) if (!unique.has(key(input))) unique.set(key(input), input);
  const todo = [...unique.values()];

  for (const [k, r] of await findRounds(ctx.db, todo))
    results.set(k, { ok: true, value: summaryOf(r) });
  const open = todo.filter((i) => !results.has(key(i)));
  if (open.length) {
    const enrolments = await ctx.db
      .select({
        id: trainingEnrolments.id,
        labourerId: trainingEnrolments.labourerId,
        status: trainingEnrolments.status,
      })
      .from(trainingEnrolments)
      .where(inArray(trainingEnrolments.id, [...new Set(open.map((i) => i.enrolmentId))]));
    const byId = new Map(enrolments.map((e) => [e.id, e]));
    const now = ctx.now();
    const profiles = await loadMatchProfiles(
      ctx.db,
      enrolments.filter((e) => e.status === "passed").map((e) => e.labourerId),
      now,
    );
    const since = new Date(now.getTime() - ctx.config.ROUND_INTERVAL_DAYS * 86_400_000);
    // Not planned at all when the person already had a round this window (checked again under lock when storing).
    const recent = await recentRounds(
      ctx.db,
      open.filter(mergesIntoWindow).flatMap((i) => byId.get(i.enrolmentId)?.labourerId ?? []),
      windowStart(ctx),
    );
    const full = ctx.config.MATCH_SKIP_FULL_POSTINGS
      ? {
          registry: fullPostings,
          spreadMultiple: ctx.config.SPREAD_MULTIPLE,
          nowMs: () => ctx.now().getTime(),
        }
      : undefined;
    const fetcher = new CandidateBatchFetcher(
      ctx,
      { since },
      ctx.config.MATCH_CANDIDATES_PER_RUNG,
      ctx.config.MATCH_CANDIDATES_PAGE,
      full,
    );
    const planned: Planned[] = [];
    await Promise.all(
      open.map(async (input) => {
        const e = byId.get(input.enrolmentId);
        const loaded = e && profiles.get(e.labourerId);
        let error: Error | undefined;
        if (!e) error = new PermanentRoundError(`enrolment ${input.enrolmentId} does not exist`);
        else if (e.status !== "passed")
          error = new PermanentRoundError(`enrolment ${input.enrolmentId} has not passed`);
        else if (!loaded)
          error = new PermanentRoundError(`labourer ${e.labourerId} does not exist`);
        if (error || !loaded) {
          results.set(key(input), { ok: false, error });
          return;
        }
        const joined = mergesIntoWindow(input) ? recent.get(loaded.labourer.id) : undefined;
        if (joined) {
          results.set(key(input), {
            ok: true,
            value: { ...summaryOf(joined), merged: key(joined) !== key(input) },
          });
          return;
        }
        try {
          const plan = await planRecommendations(loaded.profile, fetcher.fetch, {
            now,
            spreadMultiple: ctx.config.SPREAD_MULTIPLE,
          });
          fetcher.recordPicks(plan.picks.map((p) => p.job.id));
          planned.push({ input, loaded, plan });
        } catch (err) {
          results.set(key(input), { ok: false, error: err });
        }
      }),
    );
    // A failed read (Meilisearch, Postgres) failed the plans that waited on it, each with that
    // error (their jobs retry); the plans that finished are stored.
    for (const [k, v] of await storeRoundsIsolated(ctx, planned)) results.set(k, v);
  }
  const first = new Set<string>();
  return inputs.map((input) => {
    const k = key(input);
    const r = results.get(k)!;
    if (first.has(k) && r.ok) return { ok: true, value: { ...r.value, created: false } };
    first.add(k);
    return r;
  });
}

interface Planned {
  input: RoundInput;
  loaded: Loaded;
  plan: Plan;
}

const summaryOf = (r: Pick<RecommendationRound, "id" | "outcome" | "picked">): RoundSummary => ({
  roundId: r.id,
  outcome: r.outcome,
  picked: r.picked,
  created: false,
});

/** Existing rounds for these (enrolment, round) keys, by key. */
async function findRounds(
  db: Executor,
  keys: { enrolmentId: string; round: number }[],
): Promise<Map<string, RecommendationRound>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select()
    .from(recommendationRounds)
    .where(
      and(
        inArray(recommendationRounds.enrolmentId, [...new Set(keys.map((k) => k.enrolmentId))]),
        inArray(recommendationRounds.round, [...new Set(keys.map((k) => k.round))]),
      ),
    );
  const wanted = new Set(keys.map(key));
  return new Map(rows.filter((r) => wanted.has(key(r))).map((r) => [key(r), r]));
}

type Loaded = ProfileContext;

/** Rounds stored after this instant share the trigger window of a round asked for now. */
const windowStart = (ctx: Ctx) =>
  new Date(ctx.now().getTime() - ctx.config.ROUND_TRIGGER_WINDOW_MINUTES * 60_000);

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
async function storeRoundsIsolated(
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
    const inserted =
      storing.length === 0
        ? []
        : await tx
            .insert(recommendationRounds)
            .values(
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
            )
            .onConflictDoNothing()
            .returning({
              id: recommendationRounds.id,
              enrolmentId: recommendationRounds.enrolmentId,
              round: recommendationRounds.round,
            });
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
    if (recs.length) await tx.insert(recommendations).values(recs);
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
      const created = await tx
        .insert(notifications)
        .values(notes)
        .returning({ id: notifications.id, status: notifications.status });
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

/** The push text: short, plain, one job per line, for older readers on small screens. */
export function roundMessage(plan: Plan, round: number) {
  const lines = plan.picks.map((p, i) => {
    const j = p.job;
    return `${i + 1}. ${j.title}（${shortPlace(j.placeName)}，${formatWage(j.wageMinFen, j.wageMaxFen, j.wageUnit)}）`;
  });
  const text = [
    `岗通为您推荐了 ${plan.picks.length} 个岗位${round > 1 ? `（第 ${round} 轮）` : ""}：`,
    ...lines,
    "打开岗通查看详情，感兴趣可直接报名。",
  ].join("\n");
  return {
    text,
    jobIds: plan.picks.map((p) => p.job.id),
    first: plan.picks[0]
      ? { title: plan.picks[0].job.title, reason: plan.picks[0].score.reason }
      : null,
  };
}

/** 广东省 佛山市 南海区 → 佛山市 南海区: the province is noise on a small screen. */
export function shortPlace(placeName: string | undefined): string {
  const parts = (placeName ?? "").split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts.slice(1) : parts).join(" ");
}
