import { eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { addOutbox } from "../../lib/outbox";
import { searchColumns } from "./posting";
import { jobTextsByEmployer } from "./repo";

/**
 * Every posting change that the search index must see goes through here, inside the business
 * transaction: `version` moves on (so the search can tell the index lags until the sync worker
 * confirms it) and a `job.upserted` outbox row is written (the relay turns each claimed batch
 * into one search-sync job).
 */
export async function recordIndexChange(tx: Tx, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await tx
    .update(jobs)
    .set({ version: sql`${jobs.version} + 1`, changedAt: sql`now()` })
    .where(inArray(jobs.id, jobIds));
  await addOutbox(tx, ...jobIds.map((id) => ({ type: "job.upserted" as const, aggregateId: id })));
}

/**
 * For the employers module: call in the transaction that changes an employer's verification
 * status (or name). Every posting of that employer is re-examined by the sync worker, which
 * indexes the searchable ones and removes the others (e.g. all of a suspended employer's).
 * Drafts and closed postings are included on purpose: the worker decides, and a replay is harmless.
 * The Postgres fallback's search keys hold the employer's name, so they are refreshed here too.
 */
export async function enqueueEmployerJobsReindex(tx: Tx, employerId: string): Promise<number> {
  const [employer] = await tx
    .select({ name: employers.name })
    .from(employers)
    .where(eq(employers.id, employerId));
  const rows = await jobTextsByEmployer(tx, employerId);
  for (const row of rows) {
    await tx
      .update(jobs)
      .set(searchColumns(row, employer?.name ?? ""))
      .where(eq(jobs.id, row.id));
  }
  const ids = rows.map((r) => r.id);
  const CHUNK = 1000;
  for (let i = 0; i < ids.length; i += CHUNK) await recordIndexChange(tx, ids.slice(i, i + CHUNK));
  return ids.length;
}
