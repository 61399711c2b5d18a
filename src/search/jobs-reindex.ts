import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import { employers } from "../../db/schema/employers";
import { jobs } from "../../db/schema/jobs";
import { loadSearchableRows, toJobDocument } from "./jobs-documents";
import { resetIndexLagCache } from "./jobs-health";
import { applyJobsIndexSettings, ensureJobsIndex, jobsIndex, jobsIndexUid, type JobDocument } from "./jobs-index";
import { syncJobsToIndex, type SyncDeps } from "./jobs-sync";

const PAGE = 10_000;
const SYNC_CHUNK = 5000;
const TASK_WAIT = { timeout: 600_000, interval: 100 };

async function dbNow(deps: SyncDeps): Promise<Date> {
  const [row] = await deps.db.execute<{ now: string }>(sql`select now()::text as now`);
  return new Date(row!.now);
}

async function syncInChunks(deps: SyncDeps, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SYNC_CHUNK) await syncJobsToIndex(deps, ids.slice(i, i + SYNC_CHUNK));
}

/**
 * Full rebuild: every searchable posting goes into a fresh index with the current settings,
 * which is then swapped with the live one (searches never see a half-built index) and the old
 * copy deleted. Postings that changed while it ran are synced again afterwards, so a change
 * the worker wrote to the old index during the build is not lost.
 */
export async function rebuildJobsIndex(deps: SyncDeps, log: (m: string) => void = () => {}): Promise<{ indexed: number }> {
  const live = jobsIndexUid(deps.search);
  const fresh = `${live}_rebuild_${Date.now()}`;
  const started = await dbNow(deps);
  await applyJobsIndexSettings(deps.search, fresh);
  const index = jobsIndex(deps.search, fresh);
  let after: string | null = null;
  let indexed = 0;
  let pending: Promise<unknown> | undefined;
  for (;;) {
    const rows = await loadSearchableRows(deps.db, deps.now(), after, PAGE);
    if (rows.length === 0) break;
    const docs: JobDocument[] = rows.map(toJobDocument);
    // One batch in flight while the next is read: Postgres and Meilisearch work side by side.
    await pending;
    pending = index.addDocuments(docs, { primaryKey: "id" }).waitTask(TASK_WAIT).then((t) => {
      if (t.status !== "succeeded") throw new Error(`rebuild batch failed: ${JSON.stringify(t.error)}`);
    });
    indexed += docs.length;
    after = rows[rows.length - 1]!.id;
    log(`indexed ${indexed}`);
  }
  await pending;
  await applyJobsIndexSettings(deps.search, live);
  await deps.search.client.swapIndexes([{ indexes: [live, fresh], rename: false }]).waitTask(TASK_WAIT);
  await deps.search.client.deleteIndex(fresh).waitTask(TASK_WAIT);
  const changed = await deps.db.select({ id: jobs.id }).from(jobs).where(gte(jobs.changedAt, started));
  await syncInChunks(deps, changed.map((r) => r.id));
  resetIndexLagCache(deps.db);
  return { indexed };
}

export interface Drift {
  expected: number;
  indexed: number;
  missing: number;
  stale: number;
  extra: number;
}

/** id → version of every posting that should be in the index. */
async function expectedVersions(deps: SyncDeps): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const now = deps.now();
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; version: number }[] = await deps.db
      .select({ id: jobs.id, version: jobs.version })
      .from(jobs)
      .innerJoin(employers, eq(employers.id, jobs.employerId))
      .where(and(eq(jobs.status, "open"), gt(jobs.expiresAt, now), eq(employers.verificationStatus, "verified"), after ? gt(jobs.id, after) : sql`true`))
      .orderBy(asc(jobs.id))
      .limit(50_000);
    for (const r of rows) out.set(r.id, r.version);
    if (rows.length < 50_000) return out;
    after = rows[rows.length - 1]!.id;
  }
}

/** id → version of every document in the index. */
async function indexedVersions(deps: SyncDeps): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const index = jobsIndex(deps.search);
  for (let offset = 0; ; offset += PAGE) {
    const page = await index.getDocuments<Pick<JobDocument, "id" | "version">>({ fields: ["id", "version"], offset, limit: PAGE });
    for (const d of page.results) out.set(d.id, d.version);
    if (page.results.length < PAGE) return out;
  }
}

/**
 * Finds drift between Postgres and the index (a lost write, a worker that died between the
 * two, a document edited by hand) and repairs it through the normal sync path, which reads each
 * posting's current row. Postings that change while it runs may be reported as drift; re-syncing
 * them is harmless.
 */
export async function reconcileJobsIndex(deps: SyncDeps): Promise<Drift> {
  await ensureJobsIndex(deps.search);
  const [expected, actual] = await Promise.all([expectedVersions(deps), indexedVersions(deps)]);
  const repair: string[] = [];
  let missing = 0;
  let stale = 0;
  let extra = 0;
  for (const [id, version] of expected) {
    const have = actual.get(id);
    if (have === undefined) missing++;
    else if (have !== version) stale++;
    else continue;
    repair.push(id);
  }
  for (const id of actual.keys()) {
    if (!expected.has(id)) {
      extra++;
      repair.push(id);
    }
  }
  await syncInChunks(deps, repair);
  return { expected: expected.size, indexed: actual.size, missing, stale, extra };
}
