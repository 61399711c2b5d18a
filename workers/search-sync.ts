import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Deps } from "../src/lib/ctx";
import { SEARCH_SYNC_QUEUE, SearchSyncPayload } from "../src/queue/search-sync";
import { ensureJobsIndex } from "../src/search/jobs-index";
import { syncJobsToIndex } from "../src/search/jobs-sync";

/** One batch of changed postings → at most one upsert and one delete task in Meilisearch. */
export const processSearchSync = (deps: Deps) => async (job: Job) => {
  const parsed = SearchSyncPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  return syncJobsToIndex({ ...deps, log: deps.log.child({ job: job.id }) }, parsed.data.jobIds);
};

/**
 * One batch at a time, across every process (global concurrency 1): two batches touching the
 * same posting must reach Meilisearch in the order they read it, or an older document could
 * overwrite a newer one. Batches are cheap, so one at a time keeps up.
 */
export async function startSearchSyncWorker(deps: Deps): Promise<Worker> {
  await deps.queues.searchSync.setGlobalConcurrency(1);
  await ensureJobsIndex(deps.search).catch((err: unknown) =>
    deps.log.warn({ err }, "jobs index settings not applied yet; retried on the first sync"),
  );
  return new Worker(SEARCH_SYNC_QUEUE, processSearchSync(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: 1,
  });
}
