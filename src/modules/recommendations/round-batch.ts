import { type Deps, systemCtx } from "../../lib/ctx";
import { oldestUnindexedChange } from "../../search/jobs-health";
import { MicroBatcher, type Settled } from "./batcher";
import { runRecommendationRounds } from "./round";
import type { RoundInput, RoundSummary } from "./round-types";

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
 * The rounds of the jobs that arrive within RECOMMEND_BATCH_WAIT_MS (up to RECOMMEND_BATCH_SIZE)
 * run together; each job is answered with its own result.
 */
export function roundBatcher(deps: Deps): MicroBatcher<RoundRequest, RoundSummary> {
  return new MicroBatcher({
    maxSize: deps.config.RECOMMEND_BATCH_SIZE,
    maxWaitMs: deps.config.RECOMMEND_BATCH_WAIT_MS,
    run: (requests) => runRoundBatch(deps, requests),
  });
}

/** Absent in the payload: round 1 is a course pass, later rounds are the scheduled sweep's. */
export const triggerOf = (p: RoundInput): NonNullable<RoundInput["trigger"]> =>
  p.trigger ?? (p.round === 1 ? "training_passed" : "scheduled");
