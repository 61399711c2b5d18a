import { sql } from "drizzle-orm";
import type { Deps } from "../lib/ctx";
import { isSearchable, loadIndexRows, toJobDocument } from "./jobs-documents";
import { ensureJobsIndex, type JobDocument, jobsIndex } from "./jobs-index";

export type SyncDeps = Pick<Deps, "db" | "search" | "log" | "now">;

export interface SyncResult {
  upserted: number;
  deleted: number;
}

const TASK_WAIT = { timeout: 120_000, interval: 20 };

/**
 * Brings the index documents of `jobIds` in line with Postgres: reads each posting's current row,
 * writes the searchable ones and deletes the others, as at most two Meilisearch tasks whatever
 * the batch size (a thousand documents cost about as much as one). Replays are harmless. After
 * Meilisearch confirms, `indexed_version` records what the index now holds, which is how the
 * search notices lag.
 */
export async function syncJobsToIndex(
  deps: SyncDeps,
  jobIds: string[],
  uid?: string,
): Promise<SyncResult> {
  const ids = [...new Set(jobIds)];
  if (ids.length === 0) return { upserted: 0, deleted: 0 };
  await ensureJobsIndex(deps.search);
  const rows = await loadIndexRows(deps.db, ids);
  const now = deps.now();
  const docs: JobDocument[] = [];
  const found = new Set<string>();
  for (const row of rows) {
    found.add(row.id);
    if (isSearchable(row, now)) docs.push(toJobDocument(row));
  }
  const keep = new Set(docs.map((d) => d.id));
  const remove = ids.filter((id) => !keep.has(id));

  const index = jobsIndex(deps.search, uid);
  const tasks = await Promise.all([
    docs.length > 0 ? index.addDocuments(docs, { primaryKey: "id" }) : undefined,
    remove.length > 0 ? index.deleteDocuments(remove) : undefined,
  ]);
  for (const enqueued of tasks) {
    if (!enqueued) continue;
    const task = await deps.search.client.tasks.waitForTask(enqueued.taskUid, TASK_WAIT);
    if (task.status !== "succeeded")
      throw new Error(
        `search index task ${task.uid} ${task.status}: ${JSON.stringify(task.error)}`,
      );
  }

  const versions = rows.map((r) => ({ id: r.id, version: r.version }));
  await markIndexed(deps, versions);
  return { upserted: docs.length, deleted: remove.length };
}

/** Records the versions the index now reflects; never moves backwards (an older replay is a no-op). */
async function markIndexed(
  deps: SyncDeps,
  versions: { id: string; version: number }[],
): Promise<void> {
  if (versions.length === 0) return;
  const ids = versions.map((v) => v.id);
  const vs = versions.map((v) => v.version);
  await deps.db.execute(sql`
    update jobs j set indexed_version = v.version
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(vs)}::int[]) as v(id, version)
    where j.id = v.id and j.indexed_version < v.version`);
}
