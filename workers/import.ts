import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import { AppError } from "../src/lib/errors";
import { runImport } from "../src/modules/imports/run";
import { IMPORT_QUEUE, ImportPayload } from "../src/queue/import";

/**
 * Runs one ledger import. A file that cannot be read, or an import that no longer exists, fails
 * for good; anything else (database, disk) is retried, and each attempt starts the file over.
 */
export const processImport = (deps: Deps) => async (job: Job) => {
  const parsed = ImportPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  // The upload is kept after a failure only while BullMQ has another attempt to give it.
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  try {
    const summary = await runImport(
      systemCtx(deps, "import", job.id ?? `import-${parsed.data.importId}`),
      parsed.data.importId,
      { lastAttempt },
    );
    return { importId: summary.importId, counts: summary.counts };
  } catch (err) {
    if (
      err instanceof AppError &&
      (err.code === "IMPORT_FILE_UNREADABLE" || err.code === "IMPORT_NOT_FOUND")
    ) {
      throw new UnrecoverableError(`${err.code}: ${err.message}`);
    }
    throw err;
  }
};

/**
 * One import at a time per process: it is CPU-bound (parsing, encryption) and holds one long
 * transaction. The lock is renewed while the file is read; a minute covers a slow chunk.
 */
export function startImportWorker(deps: Deps): Worker {
  return new Worker(IMPORT_QUEUE, processImport(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: 1,
    lockDuration: 60_000,
  });
}
