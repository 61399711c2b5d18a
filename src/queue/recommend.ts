import type { JobsOptions } from "bullmq";
import { z } from "zod";

export const RECOMMEND_QUEUE = "recommend";
/** The one job name on the queue; jobs are added only by the outbox relay (src/queue/outbox-routes.ts). */
export const RUN_ROUND_JOB = "run-round";

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
