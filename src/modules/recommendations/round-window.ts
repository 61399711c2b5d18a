import type { Executor } from "../../../db/client";
import type { RecommendationRound } from "../../../db/schema/recommendations";
import { advisoryLockInOrder, roundsSince } from "./window-repo";

/**
 * One round per labourer per trigger window (docs/MATCHING.md §8). A person who passes two
 * courses at about the same time triggers two round-1 jobs, one per enrolment, with different
 * keys; without this they got two identical pushes. The window is enforced in Postgres: the
 * transaction that stores rounds first takes a per-labourer advisory lock, then looks for a round
 * of that labourer stored since the window opened, so two worker processes cannot both miss it.
 */

/** First key of the two-key pg_advisory_xact_lock: the "a labourer's rounds are being stored" namespace. */
const ROUND_LOCK_NAMESPACE = 0x6774_0001;

/** A 32-bit lock key from a uuid; a collision only serialises two unrelated labourers. */
const lockKey = (labourerId: string) =>
  Number.parseInt(labourerId.replace(/-/g, "").slice(0, 8), 16) | 0;

/**
 * Transaction-scoped locks on these labourers' rounds, taken in key order so two batches sharing
 * labourers wait for each other instead of deadlocking; released at commit or rollback.
 */
export async function lockLabourerRounds(tx: Executor, labourerIds: string[]): Promise<void> {
  const keys = [...new Set(labourerIds.map(lockKey))].sort((a, b) => a - b);
  await lockInOrder(tx, ROUND_LOCK_NAMESPACE, keys);
}

/**
 * Takes `pg_advisory_xact_lock(namespace, k)` for every key in one statement (one round trip
 * instead of one per key: a batch of rounds holds ~130 postings), in ascending key order — the
 * sorted subquery feeds the function row by row — so two transactions never wait on each other
 * in a cycle.
 */
export async function lockInOrder(tx: Executor, namespace: number, keys: number[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  await advisoryLockInOrder(tx, namespace, sorted);
}

/** Each labourer's newest round stored after `since`, by labourer id. */
export async function recentRounds(
  db: Executor,
  labourerIds: string[],
  since: Date,
): Promise<Map<string, RecommendationRound>> {
  const ids = [...new Set(labourerIds)];
  if (ids.length === 0) return new Map();
  const rows = await roundsSince(db, ids, since);
  const out = new Map<string, RecommendationRound>();
  for (const r of rows) if (!out.has(r.labourerId)) out.set(r.labourerId, r);
  return out;
}

/** Only the round a course pass triggers is merged: scheduled rounds are days apart, a staff rerun is deliberate. */
export const mergesIntoWindow = (input: { trigger?: string }) =>
  (input.trigger ?? "training_passed") === "training_passed";
