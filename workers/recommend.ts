import { UnrecoverableError, Worker, type Job } from "bullmq";
import { systemCtx, type Deps } from "../src/lib/ctx";
import { RECOMMEND_QUEUE, RecommendPayload } from "../src/queue/recommend";
import { PermanentRoundError, runRecommendationRound } from "../src/modules/recommendations/round";
import { requestDueRounds } from "../src/modules/recommendations/schedule";

export const ROUNDS_SWEEP = "rounds-sweep";

/** `run-round` jobs run one round; the `rounds-sweep` scheduler asks for the next rounds that are due. */
export const processRecommend = (deps: Deps) => async (job: Job) => {
  const ctx = systemCtx(deps, "recommend", job.id ?? job.name);
  if (job.name === ROUNDS_SWEEP) return requestDueRounds(ctx);
  const parsed = RecommendPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
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
  return new Worker(RECOMMEND_QUEUE, processRecommend(deps), {
    connection: deps.redis, prefix: deps.queues.prefix, concurrency: deps.config.RECOMMEND_CONCURRENCY,
  });
}
