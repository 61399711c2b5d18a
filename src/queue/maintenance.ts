import type { JobsOptions, RepeatOptions } from "bullmq";
import { z } from "zod";
import type { Queues } from "./queues";

export const MAINTENANCE_QUEUE = "maintenance";

/** Housekeeping that runs on a schedule; each job name is one task (payload: maintenancePayload). */
export const MAINTENANCE_TASKS = {
  /** Open postings past their deadline become `expired` (and leave the index through the outbox). */
  "expire-jobs": { repeat: { every: 60_000 } },
  /** Compares Postgres with the jobs index and repairs any drift (docs/SEARCH.md). */
  "reconcile-jobs-index": { repeat: { every: 15 * 60_000 } },
  /** Deletes ledger uploads and import results older than their retention (docs/IMPORT.md, "Files on disk"). */
  "sweep-import-files": { repeat: { every: 60 * 60_000 } },
  /**
   * Retention check-ins and their follow-up tasks (docs/PLACEMENT.md): 09:00 China time, when
   * people read their phones. A missed day is caught up by the next run (the sweep works from the
   * tables, not from the tick), and a repeated run changes nothing.
   */
  /** Proposes the stable-employment reward for jobs that reached their months (docs/SUBSIDY.md). */
  "propose-stable-rewards": { repeat: { every: 6 * 60 * 60_000 } },
  "retention-sweep": { repeat: { pattern: "0 0 9 * * *", tz: "Asia/Shanghai" } },
} as const satisfies Record<string, { repeat: RepeatOptions }>;

export type MaintenanceTask = keyof typeof MAINTENANCE_TASKS;

export function isMaintenanceTask(name: string): name is MaintenanceTask {
  return Object.hasOwn(MAINTENANCE_TASKS, name);
}

export const maintenanceJobOptions: JobsOptions = {
  // The next tick is the retry: a failed run is not repeated on its own.
  attempts: 1,
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 500 },
};

/**
 * Registers every task's job scheduler; `upsertJobScheduler` is idempotent, so each process may
 * call it at start-up and several processes still produce one job per tick.
 */
export async function scheduleMaintenance(q: Queues): Promise<void> {
  for (const [name, task] of Object.entries(MAINTENANCE_TASKS)) {
    await q.maintenance.upsertJobScheduler(name, task.repeat, {
      name,
      data: {},
      opts: maintenanceJobOptions,
    });
  }
}

/**
 * A task's payload: empty on the schedule. `atBoot`: the run a worker process asks for when it
 * starts, which may take a cheaper path (the reconcile compares counts first, docs/SEARCH.md).
 */
export const maintenancePayload = z.object({ atBoot: z.boolean().optional() }).strict();
export type MaintenancePayload = z.infer<typeof maintenancePayload>;

/** Runs one task now (scripts, tests, a worker's start), with a job id so a double click is one run. */
export async function runMaintenanceNow(
  q: Queues,
  name: MaintenanceTask,
  key: string,
  data: MaintenancePayload = {},
) {
  return q.maintenance.add(name, data, { ...maintenanceJobOptions, jobId: `${name}-${key}` });
}
