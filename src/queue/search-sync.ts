import type { JobsOptions } from "bullmq";
import { z } from "zod";

export const SEARCH_SYNC_QUEUE = "search-sync";
/** The one job name on the queue; jobs are added only by the outbox relay (src/queue/outbox-routes.ts). */
export const SYNC_JOB = "sync";

/**
 * A batch of postings whose index documents must be brought in line with Postgres. The worker
 * reads each posting's current row, so the batch carries ids only and replays are harmless.
 */
export const SearchSyncPayload = z.object({
  jobIds: z.array(z.uuid()).min(1).max(5000),
});
export type SearchSyncPayload = z.infer<typeof SearchSyncPayload>;

/** From the outbox row ids of the batch: a re-enqueue of the same claimed batch collapses onto it. */
export const searchSyncJobId = (rowIds: number[]) =>
  `search-sync-${Math.min(...rowIds)}-${Math.max(...rowIds)}-${rowIds.length}`;

export const searchSyncJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
