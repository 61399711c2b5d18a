import { UnrecoverableError, Worker, type Job } from "bullmq";
import { sql } from "drizzle-orm";
import { systemCtx, type Deps } from "../src/lib/ctx";
import { RECOMMEND_QUEUE, RecommendPayload } from "../src/queue/recommend";
import { PermanentRoundError, runRecommendationRound } from "../src/modules/recommendations/round";
import { requestDueRounds } from "../src/modules/recommendations/schedule";
import { createCadreDigests } from "../src/modules/recommendations/digest";

export const ROUNDS_SWEEP = "rounds-sweep";
export const CADRE_DIGEST = "cadre-digest";

/**
 * Ordered by the partial index's key (jobs_unindexed_idx) on purpose: written as EXISTS, the
 * planner cannot estimate `indexed_version <> version`, assumes most rows match, and scans every
 * posting on every round (35 ms at 50k postings, measured in scripts/bench/push-pipeline.ts).
 */
async function indexBehind(deps: Deps, before: Date): Promise<boolean> {
  const rows = await deps.db.execute(sql`
    select changed_at from jobs where indexed_version <> version and changed_at < ${before.toISOString()}::timestamptz
    order by changed_at limit 1`);
  return rows.length > 0;
}

/** `run-round` jobs run one round; the `rounds-sweep` scheduler asks for the next rounds that are due. */
export const processRecommend = (deps: Deps) => async (job: Job) => {
  const ctx = systemCtx(deps, "recommend", job.id ?? job.name);
  if (job.name === ROUNDS_SWEEP) return requestDueRounds(ctx);
  if (job.name === CADRE_DIGEST) return createCadreDigests(ctx);
  const parsed = RecommendPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  // Postings changed before this round was asked for must be in the index first, or the round
  // would miss them (and raise a false shortage). Normally a second; give up waiting after a few tries.
  if (job.attemptsMade < 4 && (await indexBehind(deps, new Date(job.timestamp)))) {
    throw new Error("search index is still applying posting changes made before this round; retrying");
  }
  try {
    return await runRecommendationRound(ctx, { ...parsed.data, trigger: parsed.data.round === 1 ? "training_passed" : "scheduled" });
  } catch (err) {
    if (err instanceof PermanentRoundError) throw new UnrecoverableError(err.message);
    throw err;
  }
};

export async function startRecommendWorker(deps: Deps): Promise<Worker> {
  // A job scheduler, not a cron outside the app: one sweep every few hours finds who is due.
  await deps.queues.recommend.upsertJobScheduler(ROUNDS_SWEEP, { every: 6 * 3600_000 }, { name: ROUNDS_SWEEP, data: {} });
  // 18:00 China time: after the day's rounds, before the cadres' evening visits.
  await deps.queues.recommend.upsertJobScheduler(CADRE_DIGEST, { pattern: "0 0 18 * * *", tz: "Asia/Shanghai" }, { name: CADRE_DIGEST, data: {} });
  return new Worker(RECOMMEND_QUEUE, processRecommend(deps), {
    connection: deps.redis, prefix: deps.queues.prefix, concurrency: deps.config.RECOMMEND_CONCURRENCY,
  });
}
