import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import { AppError } from "../src/lib/errors";
import { refreshCurrentFigures } from "../src/modules/stats/current";
import { takeWeeklySnapshot } from "../src/modules/stats/snapshot";
import {
  REFRESH_CURRENT_JOB,
  SnapshotPayload,
  STATS_QUEUE,
  scheduleCurrentRefresh,
  scheduleWeeklySnapshot,
} from "../src/queue/stats";

/**
 * `refresh-current`: recounts the precomputed current figures. `weekly-snapshot`: parses the
 * payload and takes one week's snapshot (the last ended week when none is named).
 */
export const processStats = (deps: Deps) => async (job: Job) => {
  if (job.name === REFRESH_CURRENT_JOB)
    return refreshCurrentFigures(systemCtx(deps, "stats", job.id ?? job.name));
  const parsed = SnapshotPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  const ctx = systemCtx(deps, "stats", job.id ?? job.name);
  try {
    return await takeWeeklySnapshot(ctx, parsed.data);
  } catch (err) {
    // A week that is not a Monday or has not ended will not become one by retrying.
    if (err instanceof AppError && err.code === "VALIDATION_FAILED")
      throw new UnrecoverableError(`${err.code}: ${err.message}`);
    throw err;
  }
};

/** One snapshot at a time: it reads the whole province. Registers the weekly schedule (idempotent). */
export async function startStatsWorker(deps: Deps): Promise<Worker> {
  await scheduleWeeklySnapshot(deps.queues);
  await scheduleCurrentRefresh(deps.queues);
  return new Worker(STATS_QUEUE, processStats(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: 1,
    lockDuration: 10 * 60_000,
  });
}
