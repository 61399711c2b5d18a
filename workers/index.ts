import type { Worker } from "bullmq";
import type { Deps } from "../src/lib/ctx";
import { startImportWorker } from "./import";
import { startMaintenanceWorker } from "./maintenance";
import { startNotifyWorker } from "./notify";
import { OutboxRelay } from "./outbox-relay";
import { startRecommendWorker } from "./recommend";
import { startSearchSyncWorker } from "./search-sync";
import { startStatsWorker } from "./stats";
import { startSubsidyWorker } from "./subsidy";

export interface RunningWorkers {
  relay: OutboxRelay;
  workers: Worker[];
  /** Stops taking new jobs, lets running ones finish, then returns. */
  stop(): Promise<void>;
}

/** Starts the outbox relay and every BullMQ worker in this process. */
export async function startWorkers(deps: Deps): Promise<RunningWorkers> {
  const relay = new OutboxRelay(deps);
  await relay.start();
  const workers: Worker[] = [];
  workers.push(startImportWorker(deps), startSubsidyWorker(deps));
  workers.push(await startSearchSyncWorker(deps), await startMaintenanceWorker(deps));
  workers.push(await startRecommendWorker(deps), startNotifyWorker(deps));
  workers.push(await startStatsWorker(deps));
  for (const w of workers)
    w.on("error", (err) => deps.log.error({ err, worker: w.name }, "worker error"));
  return {
    relay,
    workers,
    async stop() {
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
