import type { JobsOptions } from "bullmq";
import { z } from "zod";
import type { Queues } from "./queues";

export const STATS_QUEUE = "stats";
/** The one job name: take (or retake) the monitoring snapshot of one week (docs/MONITORING.md). */
export const WEEKLY_SNAPSHOT_JOB = "weekly-snapshot";
export const WEEKLY_SNAPSHOT_SCHEDULER = "weekly-snapshot";

/**
 * `weekStart`: the Monday (China date) of the week to snapshot; absent (the scheduler's jobs):
 * the last week that has ended.
 */
export const SnapshotPayload = z.object({
  weekStart: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type SnapshotPayload = z.infer<typeof SnapshotPayload>;

/** A re-run of a week asked for by hand collapses onto a run of the same week still known to BullMQ. */
export const snapshotJobId = (weekStart: string) => `stats-snapshot-${weekStart}`;

export const snapshotJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 60_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Every Monday 01:00 China time: the week that ended an hour before. Idempotent at every start. */
export async function scheduleWeeklySnapshot(q: Queues): Promise<void> {
  await q.stats.upsertJobScheduler(
    WEEKLY_SNAPSHOT_SCHEDULER,
    { pattern: "0 1 * * 1", tz: "Asia/Shanghai" },
    { name: WEEKLY_SNAPSHOT_JOB, data: {}, opts: snapshotJobOptions },
  );
}

/** Refreshes the precomputed current figures (stats_current, docs/MONITORING.md); no payload. */
export const REFRESH_CURRENT_JOB = "refresh-current";
export const REFRESH_CURRENT_SCHEDULER = "refresh-current";

/** Every 10 minutes: province and city summaries read these while they are at most 20 minutes old. */
export async function scheduleCurrentRefresh(q: Queues): Promise<void> {
  await q.stats.upsertJobScheduler(
    REFRESH_CURRENT_SCHEDULER,
    { every: 10 * 60_000 },
    {
      name: REFRESH_CURRENT_JOB,
      data: {},
      opts: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { age: 24 * 3600 } },
    },
  );
}

/** Asks for one week's snapshot now (scripts, tests, a re-run of a past week). */
export async function requestSnapshot(q: Queues, weekStart: string) {
  return q.stats.add(WEEKLY_SNAPSHOT_JOB, { weekStart } satisfies SnapshotPayload, {
    ...snapshotJobOptions,
    jobId: snapshotJobId(weekStart),
  });
}
