import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import { sweepImportFiles } from "../src/modules/imports/files";
import { expireDueJobs } from "../src/modules/jobs/expiry";
import { runRetentionSweep } from "../src/modules/retention/sweep";
import { proposeStableRewards } from "../src/modules/subsidies/stable";
import {
  isMaintenanceTask,
  MAINTENANCE_QUEUE,
  maintenancePayload,
  runMaintenanceNow,
  scheduleMaintenance,
} from "../src/queue/maintenance";
import { reconcileJobsIndex, reconcileJobsIndexAtBoot } from "../src/search/jobs-reindex";

export const processMaintenance = (deps: Deps) => async (job: Job) => {
  if (!isMaintenanceTask(job.name))
    throw new UnrecoverableError(`unknown maintenance task ${job.name}`);
  const payload = maintenancePayload.safeParse(job.data ?? {});
  if (!payload.success)
    throw new UnrecoverableError(`bad maintenance payload: ${payload.error.message}`);
  const ctx = systemCtx(deps, "maintenance", job.id ?? job.name);
  switch (job.name) {
    case "expire-jobs":
      return { expired: await expireDueJobs(ctx) };
    case "reconcile-jobs-index": {
      const drift = payload.data.atBoot
        ? await reconcileJobsIndexAtBoot(ctx)
        : await reconcileJobsIndex(ctx);
      if (drift.missing + drift.stale + drift.extra > 0)
        ctx.log.warn(drift, "jobs index drift repaired");
      return drift;
    }
    case "retention-sweep": {
      const swept = await runRetentionSweep(ctx);
      if (swept.asked + swept.followUps > 0) ctx.log.info(swept, "retention check-ins swept");
      return swept;
    }
    case "sweep-import-files": {
      const swept = await sweepImportFiles(ctx);
      if (swept.uploads + swept.results > 0)
        ctx.log.info(swept, "import files past their retention deleted");
      return swept;
    }
    case "propose-stable-rewards":
      return proposeStableRewards(ctx);
  }
};

/**
 * Registers the schedules (idempotent), asks for one reconcile now, and runs the tasks one at a
 * time. The boot reconcile is for an index that lost its data while Postgres kept it (a wiped or
 * replaced Meilisearch: the schedule's next tick may be 15 minutes away and, with Redis kept, a
 * re-registered scheduler does not fire at once). One run per process start, and a cheap one: it
 * compares the index's document count with Postgres and reads every version only when they differ
 * (the full compare of 500,000 postings cost each starting process ≈ 30 CPU-seconds across Node,
 * Postgres and Meilisearch).
 */
export async function startMaintenanceWorker(deps: Deps): Promise<Worker> {
  await scheduleMaintenance(deps.queues);
  await runMaintenanceNow(
    deps.queues,
    "reconcile-jobs-index",
    `boot-${process.pid}-${Date.now()}`,
    { atBoot: true },
  );
  return new Worker(MAINTENANCE_QUEUE, processMaintenance(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: 1,
    lockDuration: 120_000,
  });
}
