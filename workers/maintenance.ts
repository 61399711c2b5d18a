import { UnrecoverableError, Worker, type Job } from "bullmq";
import { systemCtx, type Deps } from "../src/lib/ctx";
import { expireDueJobs } from "../src/modules/jobs/expiry";
import { MAINTENANCE_QUEUE, isMaintenanceTask, scheduleMaintenance } from "../src/queue/maintenance";
import { reconcileJobsIndex } from "../src/search/jobs-reindex";

export const processMaintenance = (deps: Deps) => async (job: Job) => {
  if (!isMaintenanceTask(job.name)) throw new UnrecoverableError(`unknown maintenance task ${job.name}`);
  const ctx = systemCtx(deps, "maintenance", job.id ?? job.name);
  switch (job.name) {
    case "expire-jobs":
      return { expired: await expireDueJobs(ctx) };
    case "reconcile-jobs-index": {
      const drift = await reconcileJobsIndex(ctx);
      if (drift.missing + drift.stale + drift.extra > 0) ctx.log.warn(drift, "jobs index drift repaired");
      return drift;
    }
  }
};

/** Registers the schedules (idempotent) and runs the tasks one at a time. */
export async function startMaintenanceWorker(deps: Deps): Promise<Worker> {
  await scheduleMaintenance(deps.queues);
  return new Worker(MAINTENANCE_QUEUE, processMaintenance(deps), {
    connection: deps.redis, prefix: deps.queues.prefix, concurrency: 1, lockDuration: 120_000,
  });
}
