import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import {
  createCadreDigests,
  PermanentRoundError,
  requestDueRounds,
  roundBatcher,
  triggerOf,
} from "../src/modules/recommendations/service";
import {
  CADRE_DIGEST_JOB,
  RECOMMEND_QUEUE,
  RecommendPayload,
  ROUNDS_SWEEP_JOB,
  recommendConcurrency,
  upsertRecommendSchedulers,
} from "../src/queue/recommend";

/**
 * `run-round` jobs: one BullMQ job per (enrolment, round), deterministic id, its own retries —
 * but the processor only hands its round to a batcher (recommendations/round-batch.ts), which
 * runs the rounds of the jobs that arrive together and answers each job with its own result.
 * The `rounds-sweep` and `cadre-digest` schedulers each call one service.
 */
export const processRecommend =
  (deps: Deps, batcher = roundBatcher(deps)) =>
  async (job: Job) => {
    if (job.name === ROUNDS_SWEEP_JOB)
      return requestDueRounds(systemCtx(deps, "recommend", job.id ?? job.name));
    if (job.name === CADRE_DIGEST_JOB)
      return createCadreDigests(systemCtx(deps, "recommend", job.id ?? job.name));
    const parsed = RecommendPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    try {
      return await batcher.submit({
        input: { ...parsed.data, trigger: triggerOf(parsed.data) },
        requestedAt: job.timestamp,
        attemptsMade: job.attemptsMade,
      });
    } catch (err) {
      if (err instanceof PermanentRoundError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };

export async function startRecommendWorker(deps: Deps): Promise<Worker> {
  await upsertRecommendSchedulers(deps.queues.recommend);
  return new Worker(RECOMMEND_QUEUE, processRecommend(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: recommendConcurrency(deps.config),
  });
}
