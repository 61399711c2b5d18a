import type { JobsOptions, Queue } from "bullmq";
import { z } from "zod";
import type { Env } from "../config";

export const RECOMMEND_QUEUE = "recommend";
/** One round; these jobs are added only by the outbox relay (src/queue/outbox-routes.ts). */
export const RUN_ROUND_JOB = "run-round";
/** Scheduler: every 6 h, ask for the next round of everyone due (recommendations requestDueRounds). */
export const ROUNDS_SWEEP_JOB = "rounds-sweep";
/** Scheduler: 18:00 China time, one digest per cadre (recommendations createCadreDigests). */
export const CADRE_DIGEST_JOB = "cadre-digest";

/** One recommendation round for one passed enrolment. Ids only: Redis keeps job data in clear text. */
export const RecommendPayload = z.object({
  enrolmentId: z.uuid(),
  round: z.int().positive(),
  /**
   * Why the round runs (stored on the round). Absent: round 1 is a course pass, later rounds are
   * the scheduled sweep's. Not part of the job id: a rerun of a round already asked for collapses.
   */
  trigger: z.enum(["training_passed", "scheduled", "rerun", "intention_changed"]).optional(),
});
export type RecommendPayload = z.infer<typeof RecommendPayload>;

export const recommendJobId = (p: RecommendPayload) => `recommend-${p.enrolmentId}-r${p.round}`;

export const recommendJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 2_000 },
  // Kept a week so a re-enqueue of the same round (outbox retry, rerun) collapses onto it.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The queue's job schedulers (BullMQ job schedulers, not a cron outside the app): one sweep every
 * few hours finds who is due; the digest at 18:00 China time, after the day's rounds and before
 * the cadres' evening visits. Upserting is idempotent: every worker process may call it.
 */
export async function upsertRecommendSchedulers(queue: Queue): Promise<void> {
  await queue.upsertJobScheduler(
    ROUNDS_SWEEP_JOB,
    { every: 6 * 3600_000 },
    { name: ROUNDS_SWEEP_JOB, data: {} },
  );
  await queue.upsertJobScheduler(
    CADRE_DIGEST_JOB,
    { pattern: "0 0 18 * * *", tz: "Asia/Shanghai" },
    { name: CADRE_DIGEST_JOB, data: {} },
  );
}

/** BullMQ slots: enough for two full batches in flight (one planning while the other stores). */
export function recommendConcurrency(
  config: Pick<Env, "RECOMMEND_CONCURRENCY" | "RECOMMEND_BATCH_SIZE">,
): number {
  return Math.max(config.RECOMMEND_CONCURRENCY, 2 * config.RECOMMEND_BATCH_SIZE);
}
