import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/**
 * When the index may not be trusted: a posting changed more than LAG_LIMIT_S ago and the sync
 * worker has not confirmed that version in Meilisearch (outbox, queue, worker or Meilisearch
 * itself stalled). The answer is cached for a second per process so a busy search endpoint
 * asks Postgres about it at most once a second.
 */
export const LAG_LIMIT_S = 10;
const CACHE_MS = 1000;

interface Cached {
  at: number;
  lagging: boolean;
  pending?: Promise<boolean>;
}

const lagCache = new WeakMap<Db, Cached>();

/**
 * The oldest posting change the sync worker has not confirmed in the index, if any. Read from
 * the partial index that holds exactly those rows (jobs_unindexed_idx), ordered by its key:
 * written as EXISTS, the planner cannot estimate `indexed_version <> version`, assumes most rows
 * match, and scans every posting (850 ms at 500k rows when nothing matched).
 */
export async function oldestUnindexedChange(db: Db): Promise<Date | null> {
  const rows = await db.execute<{ changed_at: string | Date }>(sql`
    select changed_at from jobs where indexed_version <> version order by changed_at limit 1`);
  return rows[0] ? new Date(rows[0].changed_at) : null;
}

/**
 * Once a process has an answer, searches never wait for Postgres here: an answer older than
 * CACHE_MS is served while the next one is read (so it is at most a second and one query old),
 * and a failed read keeps the last answer. Only the first call of a process (or after a reset)
 * waits, and sees a failure.
 */
export async function indexLagging(db: Db): Promise<boolean> {
  const now = Date.now();
  const c = lagCache.get(db);
  if (c && now - c.at < CACHE_MS) return c.lagging;
  const entry: Cached = c ?? { at: 0, lagging: false };
  if (!entry.pending) {
    entry.pending = oldestUnindexedChange(db)
      .then((oldest) => {
        // changed_at is Postgres's clock; against a 10 s limit the skew between two synced clocks is noise.
        entry.lagging = oldest !== null && oldest.getTime() < Date.now() - LAG_LIMIT_S * 1000;
        entry.at = Date.now();
        return entry.lagging;
      })
      .finally(() => {
        entry.pending = undefined;
      });
    lagCache.set(db, entry);
    if (entry.at > 0) entry.pending.catch(() => {});
  }
  return entry.at > 0 ? entry.lagging : entry.pending;
}

/** Forget the cached answer (tests, and right after a reindex). */
export function resetIndexLagCache(db: Db): void {
  lagCache.delete(db);
}

/**
 * After Meilisearch fails, skip it for a few seconds instead of paying a connection attempt or
 * a timeout on every request; then one request tries again.
 */
const OPEN_MS = 5000;
const breakerUntil = new WeakMap<object, number>();

export const searchBreaker = {
  isOpen: (key: object) => (breakerUntil.get(key) ?? 0) > Date.now(),
  /** Opens the breaker; true when it was closed, so concurrent failures log once. */
  trip: (key: object) => {
    const wasOpen = (breakerUntil.get(key) ?? 0) > Date.now();
    breakerUntil.set(key, Date.now() + OPEN_MS);
    return !wasOpen;
  },
  reset: (key: object) => breakerUntil.delete(key),
};
