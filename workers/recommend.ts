import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import { MicroBatcher, type Settled } from "../src/modules/recommendations/batcher";
import { createCadreDigests } from "../src/modules/recommendations/digest";
import {
  PermanentRoundError,
  type RoundInput,
  type RoundSummary,
  runRecommendationRounds,
} from "../src/modules/recommendations/round";
import { requestDueRounds } from "../src/modules/recommendations/schedule";
import { RECOMMEND_QUEUE, RecommendPayload } from "../src/queue/recommend";
import { oldestUnindexedChange } from "../src/search/jobs-health";

export const ROUNDS_SWEEP = "rounds-sweep";
export const CADRE_DIGEST = "cadre-digest";

/** After this many attempts a round runs even if the index is still behind (a stuck sync must not stop pushes). */
const INDEX_LAG_ATTEMPTS = 4;

export class IndexBehindError extends Error {
  constructor() {
    super("search index is still applying posting changes made before this round; retrying");
  }
}

/** What one `run-round` job hands to the batch: the round and what the index-lag check needs. */
export interface RoundRequest {
  input: RoundInput;
  /** When the job was created: postings changed before it must be searchable first. */
  requestedAt: number;
  attemptsMade: number;
}

/**
 * One batch of rounds (the jobs that arrived together at the batcher). Postings changed before a
 * round was asked for must be in the index first, or the round would miss them (and raise a false
 * shortage): one query for the batch; a round asked for after the oldest pending change waits
 * (its job retries), normally a second; after a few tries it runs anyway.
 */
export async function runRoundBatch(
  deps: Deps,
  requests: RoundRequest[],
): Promise<Settled<RoundSummary>[]> {
  const ctx = systemCtx(deps, "recommend", `recommend-batch-${requests.length}`);
  const oldest = await oldestUnindexedChange(deps.db);
  const behind = (r: RoundRequest) =>
    oldest !== null && r.attemptsMade < INDEX_LAG_ATTEMPTS && oldest.getTime() < r.requestedAt;
  const ready = requests.filter((r) => !behind(r));
  const ran = ready.length
    ? await runRecommendationRounds(
        ctx,
        ready.map((r) => r.input),
      )
    : [];
  let k = 0;
  return requests.map((r) =>
    behind(r) ? { ok: false, error: new IndexBehindError() } : ran[k++]!,
  );
}

/**
 * `run-round` jobs: one BullMQ job per (enrolment, round), deterministic id, its own retries —
 * but the processor only hands its round to a batcher, which runs the rounds of the jobs that
 * arrive within RECOMMEND_BATCH_WAIT_MS (up to RECOMMEND_BATCH_SIZE) together, and answers each
 * job with its own result. The `rounds-sweep` and `cadre-digest` schedulers run as before.
 */
export const processRecommend =
  (deps: Deps, batcher = roundBatcher(deps)) =>
  async (job: Job) => {
    if (job.name === ROUNDS_SWEEP)
      return requestDueRounds(systemCtx(deps, "recommend", job.id ?? job.name));
    if (job.name === CADRE_DIGEST)
      return createCadreDigests(systemCtx(deps, "recommend", job.id ?? job.name));
    const parsed = RecommendPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    try {
      return await batcher.submit({
        input: {
          ...parsed.data,
          trigger:
            parsed.data.trigger ?? (parsed.data.round === 1 ? "training_passed" : "scheduled"),
        },
        requestedAt: job.timestamp,
        attemptsMade: job.attemptsMade,
      });
    } catch (err) {
      if (err instanceof PermanentRoundError) throw new UnrecoverableError(err.message);
      throw err;
    }
  };

export function roundBatcher(deps: Deps): MicroBatcher<RoundRequest, RoundSummary> {
  return new MicroBatcher({
    maxSize: deps.config.RECOMMEND_BATCH_SIZE,
    maxWaitMs: deps.config.RECOMMEND_BATCH_WAIT_MS,
    run: (requests) => runRoundBatch(deps, requests),
  });
}

/** BullMQ slots: enough for two full batches in flight (one planning while the other stores). */
export function recommendConcurrency(config: Deps["config"]): number {
  return Math.max(config.RECOMMEND_CONCURRENCY, 2 * config.RECOMMEND_BATCH_SIZE);
}

export async function startRecommendWorker(deps: Deps): Promise<Worker> {
  // A job scheduler, not a cron outside the app: one sweep every few hours finds who is due.
  await deps.queues.recommend.upsertJobScheduler(
    ROUNDS_SWEEP,
    { every: 6 * 3600_000 },
    { name: ROUNDS_SWEEP, data: {} },
  );
  // 18:00 China time: after the day's rounds, before the cadres' evening visits.
  await deps.queues.recommend.upsertJobScheduler(
    CADRE_DIGEST,
    { pattern: "0 0 18 * * *", tz: "Asia/Shanghai" },
    { name: CADRE_DIGEST, data: {} },
  );
  return new Worker(RECOMMEND_QUEUE, processRecommend(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: recommendConcurrency(deps.config),
  });
}
