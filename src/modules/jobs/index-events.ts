import type { Tx } from "../../../db/client";
import { addOutbox } from "../../lib/outbox";
import { searchColumns } from "./posting";
import { bumpJobVersions, employerName, jobTextsByEmployer, setJobSearchColumns } from "./repo";

/**
 * Every posting change that the search index must see goes through here, inside the business
 * transaction: `version` moves on (so the search can tell the index lags until the sync worker
 * confirms it) and a `job.upserted` outbox row is written (the relay turns each claimed batch
 * into one search-sync job).
 */
export async function recordIndexChange(tx: Tx, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await bumpJobVersions(tx, jobIds);
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
  const name = (await employerName(tx, employerId)) ?? "";
  const rows = await jobTextsByEmployer(tx, employerId);
  for (const row of rows) await setJobSearchColumns(tx, row.id, searchColumns(row, name));
  const ids = rows.map((r) => r.id);
  const CHUNK = 1000;
  for (let i = 0; i < ids.length; i += CHUNK) await recordIndexChange(tx, ids.slice(i, i + CHUNK));
  return ids.length;
}
