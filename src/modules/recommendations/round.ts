import type { Ctx } from "../../lib/ctx";
import { planRecommendations } from "../matching/plan";
import type { Settled } from "./batcher";
import { CandidateBatchFetcher } from "./candidates";
import { FullPostings } from "./full-postings";
import { loadMatchProfiles } from "./profile";
import { enrolmentsByIds } from "./repo";
import { findRounds } from "./round-repo";
import { storeRoundsIsolated } from "./round-store";
import {
  key,
  PermanentRoundError,
  type Planned,
  type RoundInput,
  type RoundSummary,
  summaryOf,
  windowStart,
} from "./round-types";
import { mergesIntoWindow, recentRounds } from "./round-window";

export { roundMessage, shortPlace } from "./round-message";
export { PermanentRoundError, type RoundInput, type RoundSummary } from "./round-types";

/**
 * One recommendation round: a batch of one (see runRecommendationRounds). Used by tests, the
 * API's direct callers and anything that does not go through the recommend worker's batcher.
 */
export async function runRecommendationRound(ctx: Ctx, input: RoundInput): Promise<RoundSummary> {
  const [result] = await runRecommendationRounds(ctx, [input]);
  if (!result!.ok) throw result!.error;
  return result!.value;
}

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
    const enrolments = await enrolmentsByIds(ctx.db, [...new Set(open.map((i) => i.enrolmentId))]);
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
