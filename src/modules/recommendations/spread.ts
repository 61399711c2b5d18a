import type { Executor } from "../../../db/client";
import { GUARANTEE_MINIMUM, type Plan, type PlannedPick } from "../matching/plan";
import { compareScored } from "../matching/rank";
import { lockInOrder } from "./round-window";
import { liveRecommendations, tryAdvisoryLocks } from "./window-repo";

/**
 * The spread rule as a store-time reservation (docs/MATCHING.md §8, "Spread is reserved when a
 * round is stored"). A posting may hold at most ceil(SPREAD_MULTIPLE × max(1, headcount)) live
 * recommendations: stored in the last ROUND_INTERVAL_DAYS and not declined. The planner only reads
 * that count (and cannot see plans running beside it); the transaction that stores the rounds
 * decides: it takes a transaction-scoped advisory lock per picked posting, counts again, and keeps
 * only the picks that fit. A concurrent transaction wanting the same posting waits for the lock,
 * i.e. for this one to commit, and then counts its recommendations. A pick that does not fit is
 * replaced by the plan's next-best posting that does (or held back by spread).
 *
 * Deadlocks: the picks' locks are taken in key order and block; the replacements' locks are only
 * tried (`pg_try_advisory_xact_lock`), and a posting another transaction holds counts as full for
 * this round, so no transaction ever waits while holding a lock out of order.
 */

/** First key of the two-key advisory lock: "a posting's spread is being reserved" (round-window.ts uses …0001). */
const SPREAD_LOCK_NAMESPACE = 0x6774_0002;
/** Replacement passes per transaction: each tries the next alternates of every plan still short. */
const MAX_REPLACEMENT_PASSES = 4;
/** At most this many picks from one employer while other postings are available (rank.ts's default). */
const MAX_PER_EMPLOYER = 2;

const lockKey = (jobId: string) => Number.parseInt(jobId.replace(/-/g, "").slice(0, 8), 16) | 0;

export interface SpreadRequest {
  key: string;
  picks: PlannedPick[];
  alternates: PlannedPick[];
}

export interface SpreadGrant {
  /** The picks to store, best first. */
  picks: PlannedPick[];
  /** Postings this round wanted but could not reserve (full, or held by a concurrent round). */
  heldBack: string[];
}

interface Posting {
  cap: number;
  used: number;
}

export interface SpreadOptions {
  /** Recommendations stored after this instant count (now − ROUND_INTERVAL_DAYS). */
  since: Date;
  multiple: number;
}

/** Live recommendations of a posting under the spread rule, with its cap; closed postings get cap 0. */
async function countLive(
  tx: Executor,
  jobIds: string[],
  opts: SpreadOptions,
): Promise<Map<string, Posting>> {
  if (jobIds.length === 0) return new Map();
  const rows = await liveRecommendations(tx, jobIds, opts.since);
  const out = new Map<string, Posting>();
  for (const r of rows)
    out.set(r.id, {
      cap: r.status === "open" ? spreadCap(r.headcount, opts.multiple) : 0,
      used: Number(r.used),
    });
  return out;
}

/** How many people a posting may be pushed to per window: rank.ts's isFull threshold, as a count. */
export const spreadCap = (headcount: number, multiple: number) =>
  Math.ceil(multiple * Math.max(1, headcount));

/**
 * Reserves the picks of these rounds (all stored by the calling transaction). Must run inside the
 * transaction that inserts the recommendations, after every other lock it takes.
 */
export async function reserveSpread(
  tx: Executor,
  requests: SpreadRequest[],
  opts: SpreadOptions,
): Promise<Map<string, SpreadGrant>> {
  const postings = new Map<string, Posting>();
  const state = requests.map((r) => ({
    key: r.key,
    want: r.picks.length,
    kept: [] as PlannedPick[],
    heldBack: new Set<string>(),
    queue: [...r.alternates],
    proposed: r.picks,
  }));

  // Pass 1: every pick, locks taken in key order (blocking).
  const firstIds = [...new Set(requests.flatMap((r) => r.picks.map((p) => p.job.id)))];
  await lockInOrder(tx, SPREAD_LOCK_NAMESPACE, firstIds.map(lockKey));
  for (const [id, p] of await countLive(tx, firstIds, opts)) postings.set(id, p);

  for (let pass = 0; ; pass++) {
    grant(state, postings);
    const short = state.filter((s) => s.kept.length < s.want && s.queue.length > 0);
    if (short.length === 0 || pass >= MAX_REPLACEMENT_PASSES) break;
    for (const s of short) s.proposed = nextAlternates(s, postings);
    const newIds = [...new Set(short.flatMap((s) => s.proposed.map((p) => p.job.id)))].filter(
      (id) => !postings.has(id),
    );
    if (newIds.length) {
      // Only tried: a posting locked by another transaction is treated as full for this round.
      const locked = await tryAdvisoryLocks(tx, SPREAD_LOCK_NAMESPACE, [
        ...new Set(newIds.map(lockKey)),
      ]);
      const lockable = newIds.filter((id) => locked.has(lockKey(id)));
      const counted = await countLive(tx, lockable, opts);
      for (const id of newIds) postings.set(id, counted.get(id) ?? { cap: 0, used: 0 });
    }
  }
  return new Map(
    state.map((s) => [
      s.key,
      { picks: [...s.kept].sort(compareScored), heldBack: [...s.heldBack].sort() },
    ]),
  );
}

type State = {
  key: string;
  want: number;
  kept: PlannedPick[];
  heldBack: Set<string>;
  queue: PlannedPick[];
  proposed: PlannedPick[];
};

/** Grants the proposed picks posting by posting, the best-scoring claim first; a refused claim is held back. */
function grant(state: State[], postings: Map<string, Posting>) {
  const claims = new Map<string, { s: State; pick: PlannedPick }[]>();
  for (const s of state) {
    for (const pick of s.proposed) {
      const list = claims.get(pick.job.id) ?? [];
      list.push({ s, pick });
      claims.set(pick.job.id, list);
    }
    s.proposed = [];
  }
  for (const [jobId, list] of claims) {
    const p = postings.get(jobId) ?? { cap: 0, used: 0 };
    list.sort((a, b) => b.pick.score.total - a.pick.score.total || (a.s.key < b.s.key ? -1 : 1));
    for (const { s, pick } of list) {
      if (p.used < p.cap) {
        p.used++;
        s.kept.push(pick);
      } else s.heldBack.add(jobId);
    }
    postings.set(jobId, p);
  }
}

/** The plan's next alternates to fill its gap: not already known full, employer cap kept while others remain. */
function nextAlternates(s: State, postings: Map<string, Posting>): PlannedPick[] {
  const out: PlannedPick[] = [];
  const perEmployer = (id: string) =>
    [...s.kept, ...out].filter((p) => p.job.employerId === id).length;
  const gap = s.want - s.kept.length;
  s.queue = s.queue.filter((a) => {
    const p = postings.get(a.job.id);
    if (p && p.used >= p.cap) {
      s.heldBack.add(a.job.id);
      return false;
    }
    return true;
  });
  for (const capped of [true, false]) {
    for (const a of s.queue) {
      if (out.length >= gap) break;
      if (out.includes(a) || (capped && perEmployer(a.job.employerId) >= MAX_PER_EMPLOYER))
        continue;
      out.push(a);
    }
  }
  s.queue = s.queue.filter((a) => !out.includes(a));
  return out;
}

/** The plan as stored: the granted picks, and a shortage when the spread left fewer than the minimum. */
export function withGrant(plan: Plan, g: SpreadGrant | undefined): Plan {
  if (!g || plan.ineligible) return plan;
  const heldBackBySpread = (plan.shortage?.heldBackBySpread ?? 0) + g.heldBack.length;
  const out: Plan = { ...plan, picks: g.picks };
  delete out.shortage;
  if (g.picks.length < GUARANTEE_MINIMUM) {
    out.shortage = {
      missing: GUARANTEE_MINIMUM - g.picks.length,
      occupations: plan.shortage?.occupations ?? plan.searched?.occupations ?? [],
      places: plan.shortage?.places ?? plan.searched?.places ?? [],
      stepsTried: plan.stepsTried,
      heldBackBySpread,
    };
  }
  return out;
}
