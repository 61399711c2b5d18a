import type { Executor } from "../../../db/client";
import type { Search } from "../../search/client";
import { type JobDocument, jobsIndexUid } from "../../search/jobs-index";
import { meiliSearcher } from "../../search/meili-http";
import { EXPIRY_FILTER_PREFIX } from "../jobs/search-query";
import type { LadderStep } from "../matching/ladder";
import type { CandidatePage } from "../matching/plan";
import { filterList, stepFilter } from "../matching/step-filter";
import type { CandidateJob } from "../matching/types";
import type { FullPostings } from "./full-postings";
import { pushedCountRows } from "./window-repo";

/** How many postings one rung may bring back, the freshest first, unless the caller says (MATCH_CANDIDATES_PER_RUNG). */
export const PER_STEP_LIMIT = 200;
/** A rung is read in pages of this many (MATCH_CANDIDATES_PAGE), the next only while the plan wants more. */
export const PAGE_SIZE = 50;

const GD_PREFIX = "44";

/** The document fields toCandidate reads: a reply without descriptions, addresses and benefits is a third the size. */
export const CANDIDATE_ATTRIBUTES = [
  "id",
  "employerId",
  "channel",
  "title",
  "occupation",
  "certificates",
  "skills",
  "headcount",
  "wageMinFen",
  "wageMaxFen",
  "wageUnit",
  "regionCode",
  "regionCodes",
  "lat",
  "lng",
  "placeName",
  "boardAndLodging",
  "ageMin",
  "ageMax",
  "postedAt",
  "physicalDemand",
  "expiresAt",
] as const satisfies readonly (keyof JobDocument)[];

export type CandidateDocument = Pick<JobDocument, (typeof CANDIDATE_ATTRIBUTES)[number]>;

export function toCandidate(doc: CandidateDocument, pushed: number): CandidateJob {
  const gdCity =
    doc.channel === "gd_gx" && doc.regionCode.startsWith(GD_PREFIX)
      ? doc.regionCode.slice(0, 4)
      : null;
  return {
    id: doc.id,
    employerId: doc.employerId,
    channel: doc.channel as CandidateJob["channel"],
    title: doc.title,
    occupation: doc.occupation,
    requiredBrandCodes: doc.certificates,
    skills: doc.skills,
    headcount: doc.headcount,
    wageMinFen: doc.wageMinFen,
    wageMaxFen: doc.wageMaxFen,
    wageUnit: doc.wageUnit as CandidateJob["wageUnit"],
    regionCodes: doc.regionCodes,
    location: doc.lat !== null && doc.lng !== null ? { lat: doc.lat, lng: doc.lng } : null,
    destinationCityCode: gdCity,
    placeName: doc.placeName,
    boardAndLodging: doc.boardAndLodging ? "both" : null,
    ageMin: doc.ageMin,
    ageMax: doc.ageMax,
    physicalDemand: doc.physicalDemand ?? "normal",
    // Unix milliseconds in the index (toJobDocument).
    postedAt: new Date(doc.postedAt),
    expiresAt: new Date(doc.expiresAt),
    pushedThisRound: pushed,
  };
}

/**
 * Live recommendations per posting since `since` (the spread rule's "this round"; declined ones are
 * released, as in spread.ts, which decides at store time). One array parameter, however many ids.
 */
export async function pushedCounts(
  db: Executor,
  jobIds: string[],
  since: Date,
): Promise<Map<string, number>> {
  const rows = await pushedCountRows(db, jobIds, since);
  return new Map(rows.map((r) => [r.job_id, r.n]));
}

/** One query of a flush: a rung page, and the plans waiting for it. */
interface Queued {
  filter: string;
  offset: number;
  limit: number;
  waiters: { resolve: (page: CandidatePage) => void; reject: (e: unknown) => void }[];
}

/**
 * Candidate generation: region-code and numeric filters in Meilisearch (no `_geo`: a geo filter
 * costs about ten times as much at 500k postings), then how many people each posting was already
 * pushed to within the current round window, for the spread rule.
 *
 * For many plans at once, DataLoader style: every `fetch(step)` issued in
 * the same turn of the event loop (one rung of each person in a batch) goes out as ONE
 * Meilisearch multi-search, identical filters sent once, followed by ONE spread count for the
 * union of the postings found.
 *
 * Spread within a batch: `pushedThisRound` is the stored count plus the picks recorded here with
 * `recordPicks` by plans of the same batch that finished earlier. Plans that finish in the same
 * turn do not see each other, and concurrent batches only see each other once stored, so the
 * multiple can be overshot by a few — as it could with concurrent single rounds.
 *
 * With a `FullPostings` registry, a rung's query leaves out the postings already known full
 * (`NOT id IN […]`, fixed at the rung's first page so that offsets stay consistent) and reports
 * them as `knownFull`; every candidate fetched updates the registry.
 */
export class CandidateBatchFetcher {
  private queued = new Map<string, Queued>();
  private scheduled = false;
  private readonly batchPicks = new Map<string, number>();
  /** Multi-searches and queries sent, for tests and metrics. */
  readonly stats = { flushes: 0, queries: 0, requested: 0 };

  private readonly pageSize: number;
  /** Per rung object (one person's rung): the ids its first page left out, reused by its later pages. */
  private readonly exclusions = new WeakMap<LadderStep, string[]>();

  constructor(
    private readonly deps: { search: Search; db: Executor; now?: () => Date },
    private readonly window: { since: Date },
    private readonly perRung = PER_STEP_LIMIT,
    pageSize = PAGE_SIZE,
    private readonly full?: { registry: FullPostings; spreadMultiple: number; nowMs: () => number },
  ) {
    this.pageSize = Math.min(pageSize, perRung);
  }

  /** Page `page` of a rung: up to `pageSize` postings, never past `perRung` in all. */
  fetch = (step: LadderStep, page = 0): Promise<CandidatePage> => {
    let knownFull: string[] = [];
    if (this.full) {
      knownFull =
        page === 0
          ? this.full.registry.suitableFull(step, this.full.nowMs())
          : (this.exclusions.get(step) ?? []);
      if (page === 0) this.exclusions.set(step, knownFull);
    }
    const exclude = knownFull.length ? ` AND NOT id IN ${filterList(knownFull)}` : "";
    // The deadline itself, not the status alone: a posting past it is never a candidate, even in
    // the minute before the expiry sweep marks it expired. Cut to the whole minute so the same
    // rung for many people stays one query; the ranking checks every deadline against its exact now.
    const minute = Math.floor((this.deps.now?.() ?? new Date()).getTime() / 60_000) * 60_000;
    const filter = `status = "open" AND ${EXPIRY_FILTER_PREFIX} ${minute} AND ${stepFilter(step)}${exclude}`;
    const offset = page * this.pageSize;
    const limit = Math.max(0, Math.min(this.pageSize, this.perRung - offset));
    if (limit === 0) return Promise.resolve({ jobs: [], more: false, knownFull });
    this.stats.requested++;
    const k = `${offset}:${filter}`;
    return new Promise<CandidatePage>((resolve, reject) => {
      const entry = this.queued.get(k);
      if (entry) entry.waiters.push({ resolve, reject });
      else this.queued.set(k, { filter, offset, limit, waiters: [{ resolve, reject }] });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    }).then((got) => (knownFull.length ? { ...got, knownFull } : got));
  };

  /** A plan of this batch chose these postings: later plans count them toward the spread rule. */
  recordPicks(jobIds: string[]): void {
    for (const id of jobIds) this.batchPicks.set(id, (this.batchPicks.get(id) ?? 0) + 1);
  }

  private async flush() {
    const batch = [...this.queued];
    this.queued = new Map();
    this.scheduled = false;
    this.stats.flushes++;
    this.stats.queries += batch.length;
    try {
      const indexUid = jobsIndexUid(this.deps.search);
      const results = await meiliSearcher(this.deps.search).multiSearch<{
        hits: CandidateDocument[];
      }>(
        batch.map(([, q]) => ({
          indexUid,
          q: "",
          filter: q.filter,
          offset: q.offset,
          limit: q.limit,
          sort: ["postedAt:desc"],
          attributesToRetrieve: [...CANDIDATE_ATTRIBUTES],
        })),
      );
      const ids = [...new Set(results.flatMap((r) => r.hits.map((d) => d.id)))];
      const counts = ids.length
        ? await pushedCounts(this.deps.db, ids, this.window.since)
        : new Map<string, number>();
      batch.forEach(([, entry], i) => {
        const docs = results[i]?.hits ?? [];
        const more = docs.length === entry.limit && entry.offset + entry.limit < this.perRung;
        // One list per query, shared by the plans that asked for it: a plan only reads its candidates.
        const jobs = docs.map((d) =>
          toCandidate(d, (counts.get(d.id) ?? 0) + (this.batchPicks.get(d.id) ?? 0)),
        );
        this.full?.registry.note(jobs, this.full.spreadMultiple, this.full.nowMs());
        for (const w of entry.waiters) w.resolve({ jobs, more });
      });
    } catch (err) {
      for (const [, entry] of batch) for (const w of entry.waiters) w.reject(err);
    }
  }
}
