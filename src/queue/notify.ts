import type { JobsOptions } from "bullmq";
import { z } from "zod";

export const NOTIFY_QUEUE = "notify";
/** The one job name on the queue; jobs are added only by the outbox relay (src/queue/outbox-routes.ts). */
export const DELIVER_JOB = "deliver";

/** Deliver one notification row (a round's push or a cadre digest). Ids only. */
export const NotifyPayload = z.object({ notificationId: z.uuid() });
export type NotifyPayload = z.infer<typeof NotifyPayload>;

/**
 * The notify worker claims, and records the answers of, the jobs that arrive within this many ms
 * of each other (up to this many) in one statement each (notifications/deliver-batch.ts).
 */
export const NOTIFY_BATCH_SIZE = 32;
export const NOTIFY_BATCH_WAIT_MS = 5;

export const notifyJobId = (p: NotifyPayload) => `notify-${p.notificationId}`;

export const notifyJobOptions: JobsOptions = {
  attempts: 6,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
