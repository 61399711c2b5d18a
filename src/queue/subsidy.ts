import type { JobsOptions } from "bullmq";
import { z } from "zod";

export const SUBSIDY_QUEUE = "subsidy";
/** Propose claims for a confirmed employment outside Guangxi (免申即享). */
export const PROPOSE_JOB = "propose";
/** Run the automatic check of one submission of a claim. */
export const CHECK_JOB = "check";

/** Ids only: the employment and the person are read from Postgres. */
export const ProposePayload = z.object({ employmentId: z.uuid() });
export type ProposePayload = z.infer<typeof ProposePayload>;

/** `submission` numbers the claim's submissions: a resubmitted claim is checked again under a new id. */
export const CheckPayload = z.object({ claimId: z.uuid(), submission: z.int().min(1) });
export type CheckPayload = z.infer<typeof CheckPayload>;

export const proposeJobId = (p: ProposePayload) => `subsidy-propose-${p.employmentId}`;
export const checkJobId = (p: CheckPayload) => `subsidy-check-${p.claimId}-${p.submission}`;

export const subsidyJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * The worker runs the jobs that arrive within SUBSIDY_BATCH_WAIT_MS of each other (up to
 * SUBSIDY_BATCH_SIZE of one kind) as one batch, one transaction, one batch of a kind at a time
 * (many small concurrent transactions only fight over two CPUs); its concurrency lets the next
 * batch fill while one runs.
 */
export const SUBSIDY_BATCH_SIZE = 500;
export const SUBSIDY_BATCH_WAIT_MS = 50;
export const SUBSIDY_CONCURRENCY = 2 * SUBSIDY_BATCH_SIZE;
