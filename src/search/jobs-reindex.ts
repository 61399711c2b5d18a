import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import { employers } from "../../db/schema/employers";
import { jobs } from "../../db/schema/jobs";
import { loadSearchableRows, toJobDocument } from "./jobs-documents";
import { LAG_LIMIT_S, resetIndexLagCache } from "./jobs-health";
import {
  applyJobsIndexSettings,
  ensureJobsIndex,
  type JobDocument,
  jobsIndex,
  jobsIndexUid,
} from "./jobs-index";
import { type SyncDeps, syncJobsToIndex } from "./jobs-sync";

const PAGE = 10_000;
const SYNC_CHUNK = 5000;
const TASK_WAIT = { timeout: 600_000, interval: 100 };

async function dbNow(deps: SyncDeps): Promise<Date> {
  const [row] = await deps.db.execute<{ now: string }>(sql`select now()::text as now`);
  return new Date(row!.now);
}

async function syncInChunks(deps: SyncDeps, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SYNC_CHUNK)
    await syncJobsToIndex(deps, ids.slice(i, i + SYNC_CHUNK));
}

/**
 * Full rebuild: every searchable posting goes into a fresh index with the current settings,
 * which is then swapped with the live one (searches never see a half-built index) and the old
 * copy deleted. Postings that changed while it ran are synced again afterwards, so a change
 * the worker wrote to the old index during the build is not lost.
 */
export async function rebuildJobsIndex(
  deps: SyncDeps,
  log: (m: string) => void = () => {},
): Promise<{ indexed: number }> {
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
    pending = index
      .addDocuments(docs, { primaryKey: "id" })
      .waitTask(TASK_WAIT)
      .then((t) => {
        if (t.status !== "succeeded")
          throw new Error(`rebuild batch failed: ${JSON.stringify(t.error)}`);
      });
    indexed += docs.length;
    after = rows[rows.length - 1]!.id;
    log(`indexed ${indexed}`);
  }
  await pending;
  await applyJobsIndexSettings(deps.search, live);
  await deps.search.client
    .swapIndexes([{ indexes: [live, fresh], rename: false }])
    .waitTask(TASK_WAIT);
  await deps.search.client.deleteIndex(fresh).waitTask(TASK_WAIT);
  // The live index now holds exactly what Postgres held when the rebuild began: every posting not
  // changed since is confirmed (searchable ones present at their version, the others absent).
  await deps.db.execute(
    sql`update jobs set indexed_version = version where indexed_version <> version and changed_at < ${started.toISOString()}::timestamptz`,
  );
  const changed = await deps.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(gte(jobs.changedAt, started));
  await syncInChunks(
    deps,
    changed.map((r) => r.id),
  );
  resetIndexLagCache(deps.db);
  return { indexed };
}

export interface Drift {
  expected: number;
  indexed: number;
  missing: number;
  stale: number;
  extra: number;
  /** Changes still on their way through the outbox and the sync worker: left to them. */
  inFlight: number;
}

/** The postings that should be in the index: open, before their deadline, of a verified employer. */
const searchable = (now: Date) =>
  and(
    eq(jobs.status, "open"),
    gt(jobs.expiresAt, now),
    eq(employers.verificationStatus, "verified"),
  );

/**
 * id → version of every posting that should be in the index, and the ids whose latest change
 * is still on its way (made less than LAG_LIMIT_S ago and not yet confirmed by the sync worker):
 * the normal path will index those, so the reconcile neither counts nor repairs them (on a fresh
 * `npm start` it ran before the first sync batch and "repaired" every demo posting).
 */
async function expectedVersions(
  deps: SyncDeps,
): Promise<{ versions: Map<string, number>; inFlight: Set<string> }> {
  const out = new Map<string, number>();
  const inFlight = new Set<string>();
  const now = deps.now();
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; version: number; inFlight: boolean }[] = await deps.db
      .select({
        id: jobs.id,
        version: jobs.version,
        inFlight: sql<boolean>`${jobs.indexedVersion} <> ${jobs.version} and ${jobs.changedAt} > now() - make_interval(secs => ${LAG_LIMIT_S})`,
      })
      .from(jobs)
      .innerJoin(employers, eq(employers.id, jobs.employerId))
      .where(and(searchable(now), after ? gt(jobs.id, after) : sql`true`))
      .orderBy(asc(jobs.id))
      .limit(50_000);
    for (const r of rows) {
      out.set(r.id, r.version);
      if (r.inFlight) inFlight.add(r.id);
    }
    if (rows.length < 50_000) return { versions: out, inFlight };
    after = rows[rows.length - 1]!.id;
  }
}

/** id → version of every document in the index. */
async function indexedVersions(deps: SyncDeps): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const index = jobsIndex(deps.search);
  for (let offset = 0; ; offset += PAGE) {
    const page = await index.getDocuments<Pick<JobDocument, "id" | "version">>({
      fields: ["id", "version"],
      offset,
      limit: PAGE,
    });
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
  const [{ versions: expected, inFlight }, actual] = await Promise.all([
    expectedVersions(deps),
    indexedVersions(deps),
  ]);
  const repair: string[] = [];
  let missing = 0;
  let stale = 0;
  let extra = 0;
  for (const [id, version] of expected) {
    const have = actual.get(id);
    if (have !== version && inFlight.has(id)) continue;
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
  return {
    expected: expected.size,
    indexed: actual.size,
    missing,
    stale,
    extra,
    inFlight: inFlight.size,
  };
}

/**
 * A worker process's start: the full reconcile only when the index does not hold as many
 * documents as there are searchable postings (a wiped or replaced Meilisearch, a lost batch). An
 * index whose count agrees is left to the 15-minute schedule, which also compares versions.
 */
export async function reconcileJobsIndexAtBoot(
  deps: SyncDeps,
): Promise<Drift & { versionsCompared: boolean }> {
  await ensureJobsIndex(deps.search);
  const [[row], stats] = await Promise.all([
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .innerJoin(employers, eq(employers.id, jobs.employerId))
      .where(searchable(deps.now())),
    jobsIndex(deps.search).getStats(),
  ]);
  const expected = row?.n ?? 0;
  if (stats.numberOfDocuments === expected)
    return {
      expected,
      indexed: expected,
      missing: 0,
      stale: 0,
      extra: 0,
      inFlight: 0,
      versionsCompared: false,
    };
  return { ...(await reconcileJobsIndex(deps)), versionsCompared: true };
}
