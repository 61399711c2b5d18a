import type { Index, Settings } from "meilisearch";
import type { Search } from "./client";
import { meiliSynonyms } from "./synonyms";

/**
 * The job-postings index. Design notes (docs/SEARCH.md has the reasoning and measurements):
 * - No `_geo`: with it every write took 4.6–7.2 s to become searchable and every geo filter cost
 *   ≈ 30 ms of CPU. Plain numeric `lat`/`lng` take a bounding-box range filter; the exact
 *   haversine check and the distance are computed in code.
 * - `regionCodes` holds the place's code and every ancestor (45, 4503, 450332 …), so one
 *   equality filter serves a region at any level.
 * - Only searchable postings are in the index (open, not past expiry, verified employer); the
 *   sync worker deletes the rest. `status` is still filterable so a query can say so.
 * - `sort` comes first among the ranking rules: an explicit sort (wage, newest) is a true sort,
 *   relevance only breaks its ties; without a sort parameter the rule does nothing.
 */
export const JOBS_INDEX = "jobs";

export const SEARCHABLE_ATTRIBUTES = [
  "title",
  "occupation",
  "skills",
  "employerName",
  "placeName",
  "description",
];

/** Latin pinyin of the posting's words (src/search/pinyin.ts): searched last, not localised as Chinese. */
export const PINYIN_ATTRIBUTE = "pinyin";

export const JOBS_INDEX_SETTINGS: Settings = {
  // Order is attribute importance: a hit in the title outranks one in the description.
  searchableAttributes: [...SEARCHABLE_ATTRIBUTES, PINYIN_ATTRIBUTE],
  filterableAttributes: [
    "id",
    "channel",
    "status",
    "regionCodes",
    "occupation",
    "certificates",
    "employerId",
    "wageUnit",
    "wageMinFen",
    "wageMaxFen",
    "postedAt",
    "expiresAt",
    "workStartTs",
    "workEndTs",
    "lat",
    "lng",
    // Matching's ladder filters (src/modules/matching/step-filter.ts): age fit and the wage floor.
    "ageMin",
    "ageMax",
    "wageTopDayFen",
    // Weak labour never gets heavy work (matching); people can filter on it in search.
    "physicalDemand",
    // 区内企业岗位 in the parks co-built with Guangdong.
    "coBuiltPark",
  ],
  sortableAttributes: ["wageMaxFen", "wageMinFen", "postedAt"],
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  // Chinese words are two to four characters, below the five-character threshold for one typo, so
  // typo tolerance seldom applies to them (and should not: 一字之差 is another job). It stays on for
  // the Latin words (CNC, PMC) at the defaults, and off for numbers (4500 must not find 4600).
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
    disableOnWords: [],
    disableOnAttributes: [],
  },
  // Pure Han text is otherwise language-detected and may be segmented as Japanese.
  localizedAttributes: [{ attributePatterns: SEARCHABLE_ATTRIBUTES, locales: ["cmn"] }],
  // Proximity within an attribute only: cheaper indexing, and so a shorter commit → searchable delay.
  proximityPrecision: "byAttribute",
  facetSearch: false,
  // Pages stop at 1,000 hits in code (MAX_WINDOW); the higher cap only makes counts exact, which
  // near-me needs to size the box it fetches (with 1,000 every dense box counted "1000").
  pagination: { maxTotalHits: 100_000 },
  // Occupation synonyms from the one table the Postgres fallback also expands (src/search/synonyms.ts).
  synonyms: meiliSynonyms(),
};

export interface JobDocument {
  id: string;
  version: number;
  title: string;
  description: string;
  occupation: string;
  skills: string[];
  certificates: string[];
  employerId: string;
  employerName: string;
  placeName: string;
  channel: string;
  status: "open";
  regionCode: string;
  regionCodes: string[];
  wageMinFen: number;
  wageMaxFen: number;
  wageUnit: string;
  headcount: number;
  benefits: string[];
  ageMin: number;
  ageMax: number;
  /** light 轻体力 / normal 一般 / heavy 重体力. */
  physicalDemand: "light" | "normal" | "heavy";
  /** Top of the wage range as a day-equivalent in fen (22 working days a month); absent for piece rates. */
  wageTopDayFen?: number;
  lat: number | null;
  lng: number | null;
  address: string | null;
  meetingPoint: string | null;
  workStartOn: string | null;
  workEndOn: string | null;
  workStartTs: number | null;
  workEndTs: number | null;
  pointToPoint: boolean;
  boardAndLodging: boolean;
  coBuiltPark: boolean;
  transportSubsidyEligible: boolean;
  /** true when the employer pinned the place (lat/lng are real); false: lat/lng are the region's point. */
  pinned: boolean;
  /** Pinyin of the job words and title words (src/search/pinyin.ts). */
  pinyin: string;
  /** Unix milliseconds: postings opened in the same second still sort. */
  postedAt: number;
  expiresAt: number;
}

export function jobsIndexUid(search: Search): string {
  return search.indexName(JOBS_INDEX);
}

export function jobsIndex(search: Search, uid = jobsIndexUid(search)): Index<JobDocument> {
  return search.client.index<JobDocument>(uid);
}

const TASK_WAIT = { timeout: 120_000, interval: 25 };

function sameSetting(want: unknown, have: unknown): boolean {
  return JSON.stringify(normalise(want)) === JSON.stringify(normalise(have));
}

function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, normalise((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/**
 * Creates the index if missing and applies the settings when they differ from what is there.
 * Idempotent: a second call with unchanged settings writes nothing (no task, no reindexing).
 */
export async function applyJobsIndexSettings(
  search: Search,
  uid = jobsIndexUid(search),
): Promise<{ created: boolean; updated: string[] }> {
  let created = false;
  try {
    await search.client.getIndex(uid);
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== "index_not_found") throw err;
    await search.client.createIndex(uid, { primaryKey: "id" }).waitTask(TASK_WAIT);
    created = true;
  }
  const index = jobsIndex(search, uid);
  const have = (await index.getSettings()) as Record<string, unknown>;
  const changed: Settings = {};
  for (const [key, want] of Object.entries(JOBS_INDEX_SETTINGS)) {
    if (!sameSetting(pickComparable(key, want, want), pickComparable(key, have[key], want)))
      (changed as Record<string, unknown>)[key] = want;
  }
  const updated = Object.keys(changed);
  if (updated.length > 0) {
    const task = await index.updateSettings(changed).waitTask(TASK_WAIT);
    if (task.status !== "succeeded")
      throw new Error(`jobs index settings failed: ${JSON.stringify(task.error)}`);
  }
  return { created, updated };
}

/** Meilisearch answers object settings with extra keys we do not set; compare only ours. */
function pickComparable(key: string, have: unknown, want: unknown): unknown {
  if (key === "filterableAttributes" || key === "sortableAttributes") {
    return Array.isArray(have) ? [...have].sort() : have;
  }
  if (
    want &&
    typeof want === "object" &&
    !Array.isArray(want) &&
    have &&
    typeof have === "object"
  ) {
    return Object.fromEntries(
      Object.keys(want).map((k) => [
        k,
        pickComparable(
          k,
          (have as Record<string, unknown>)[k],
          (want as Record<string, unknown>)[k],
        ),
      ]),
    );
  }
  return have;
}

const ensured = new WeakMap<Search, Promise<unknown>>();

/**
 * Applies the settings once per process and Search (start-up, and lazily before the first sync
 * batch or search); a failure is forgotten so the next call retries.
 */
export function ensureJobsIndex(search: Search): Promise<unknown> {
  let p = ensured.get(search);
  if (!p) {
    p = applyJobsIndexSettings(search).catch((err: unknown) => {
      ensured.delete(search);
      throw err;
    });
    ensured.set(search, p);
  }
  return p;
}
