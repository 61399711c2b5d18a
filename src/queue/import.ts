import type { JobsOptions } from "bullmq";
import { z } from "zod";

export const IMPORT_QUEUE = "import";
/** The one job name on the queue; jobs are added only by the outbox relay (src/queue/outbox-routes.ts). */
export const RUN_IMPORT_JOB = "run-import";

/** One ledger import. The id only: the file and the county are in the `imports` row. */
export const ImportPayload = z.object({
  importId: z.uuid(),
});
export type ImportPayload = z.infer<typeof ImportPayload>;

export const importJobId = (p: ImportPayload) => `import-${p.importId}`;

export const importJobOptions: JobsOptions = {
  // A retry redoes the whole file: the registry writes of a failed attempt were rolled back.
  attempts: 3,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
