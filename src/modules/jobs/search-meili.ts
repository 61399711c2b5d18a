import type { LatLng } from "../../lib/geo";
import type { Search } from "../../search/client";
import { jobsIndexUid } from "../../search/jobs-index";
import { meiliSearcher } from "../../search/meili-http";
import {
  EXPIRY_FILTER_PREFIX, MAX_WINDOW, boundingBox, byDistance, effectiveSort, meiliFilter, meiliSort, withinRadius,
  type SearchHit, type SearchInput, type SearchPage, type SearchSort,
} from "./search-query";

/** What a result list shows: no description, so replies stay small. */
export const SUMMARY_FIELDS: (keyof SearchHit)[] = [
  "id", "title", "channel", "occupation", "employerId", "employerName", "wageMinFen", "wageMaxFen", "wageUnit",
  "headcount", "regionCode", "placeName", "lat", "lng", "benefits", "certificates", "workStartOn", "workEndOn",
  "pointToPoint", "boardAndLodging", "transportSubsidyEligible", "postedAt", "expiresAt",
];

interface Call {
  search: Search;
  input: SearchInput;
  nowMs: number;
  signal?: AbortSignal;
}

async function query(c: Call, params: { filter: string[]; sort?: string[]; offset?: number; limit: number }) {
  const res = await meiliSearcher(c.search).search<SearchHit>(jobsIndexUid(c.search), {
    q: c.input.q, matchingStrategy: "all", locales: ["cmn"], attributesToRetrieve: SUMMARY_FIELDS, ...params,
  }, c.signal);
  return { hits: res.hits, estimated: res.estimatedTotalHits ?? null };
}

/**
 * Search on Meilisearch. Near-me uses a lat/lng bounding-box filter (no `_geo`, see
 * docs/SEARCH.md); the exact circle and the distances are computed here, so near-me pages are
 * cut in code from hits that start at the first one.
 */
export async function searchMeili(search: Search, input: SearchInput, now: Date, signal?: AbortSignal): Promise<SearchPage> {
  const c: Call = { search, input, nowMs: now.getTime(), ...(signal ? { signal } : {}) };
  const sort = effectiveSort(input);
  if (!input.near) return plainPage(c, sort);
  if (sort === "distance") return distancePage(c, input.near);
  return nearRankedPage(c, input.near, sort);
}

async function plainPage(c: Call, sort: SearchSort): Promise<SearchPage> {
  const { input } = c;
  const { hits, estimated } = await query(c, { filter: meiliFilter(input, c.nowMs), sort: meiliSort(sort), offset: input.offset, limit: input.limit + 1 });
  const hasMore = hits.length > input.limit && input.offset + input.limit < MAX_WINDOW;
  return { hits: hits.slice(0, input.limit), hasMore, estimatedTotal: estimated };
}

/** Ranked by words, wage or date within the circle: over-fetch the box a little, cut in code. */
async function nearRankedPage(c: Call, center: LatLng, sort: SearchSort): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const filter = meiliFilter(input, c.nowMs, boundingBox(center, input.radiusKm));
  // The circle fills π/4 of its box: 1.35× plus a margin is nearly always enough in one round.
  let window = Math.min(MAX_WINDOW, Math.ceil(need * 1.35) + 10);
  for (;;) {
    const { hits } = await query(c, { filter, sort: meiliSort(sort), limit: window });
    const inside = withinRadius(hits, center, input.radiusKm);
    if (inside.length >= need || hits.length < window || window >= MAX_WINDOW) {
      return { hits: inside.slice(input.offset, input.offset + input.limit), hasMore: inside.length >= need, estimatedTotal: null };
    }
    window = MAX_WINDOW;
  }
}

/**
 * Nearest first, exact. Fetching every candidate of a dense box is what costs (each returned
 * document costs Meilisearch far more than counting one), so the box to fetch is sized first.
 * One multi-search counts the boxes of half-width r/4 and r/16 (without the expiry filter:
 * counts only steer); a power law through the two counts estimates the radius whose box holds
 * about two pages (the circle holds π/4 of its box: ≈ 1.6 pages); that box is fetched, and grown or shrunk until the fetch was complete (fewer hits
 * than asked for) and its circle holds the page. The nearest hits are then exact, not a sample:
 * every posting within the final radius was fetched and the page lies inside it.
 */
async function distancePage(c: Call, center: LatLng): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const full = input.radiusKm;
  const window = Math.min(MAX_WINDOW, Math.max(200, need * 8));
  let radius = await estimateRadius(c, center, need * 2 + 10);
  let best: (SearchHit & { distanceKm: number })[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    const { hits } = await query(c, { filter: meiliFilter(input, c.nowMs, boundingBox(center, radius)), limit: window });
    const complete = hits.length < window;
    const inside = withinRadius(hits, center, radius);
    if (complete) best = inside;
    if (complete && (inside.length >= need || radius >= full)) break;
    radius = complete
      ? Math.min(full, radius * Math.max(1.25, Math.sqrt((need * 1.6) / Math.max(1, inside.length))))
      : radius * 0.6;
  }
  best.sort(byDistance);
  return { hits: best.slice(input.offset, input.offset + input.limit), hasMore: best.length >= need, estimatedTotal: null };
}

/** Box half-widths counted to size the fetch, as fractions of the radius (the full box is the dearest count and steers least). */
const WIDE = 1 / 4;
const NARROW = 1 / 16;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * The box half-width expected to hold `target` hits. Counts of the boxes r/4 and r/16 come back
 * in one multi-search; the target is placed on the log-log line through them (postings cluster
 * in towns, so a fit from far away misleads), extrapolated below r/16 with at least a linear
 * fall-off and above r/4 with at most the growth of an area. Counting the full box as well cost
 * more than it saved (measured on the 500k benchmark index: 6–7 ms of counts per query against
 * 3.7 ms, the same fetches): when the estimate falls short the fetch loop grows the box.
 */
async function estimateRadius(c: Call, center: LatLng, target: number): Promise<number> {
  const { input } = c;
  const full = input.radiusKm;
  const [wide, narrow] = (await meiliSearcher(c.search).multiSearch<{ totalHits: number }>([WIDE, NARROW].map((f) => ({
    indexUid: jobsIndexUid(c.search), q: input.q, matchingStrategy: "all", locales: ["cmn"], page: 1, hitsPerPage: 0,
    filter: meiliFilter(input, c.nowMs, boundingBox(center, full * f)).filter((x) => !x.startsWith(EXPIRY_FILTER_PREFIX)),
  })), c.signal)).map((r) => r.totalHits) as [number, number];
  if (wide === 0) return full;
  const slope = narrow > 0 ? Math.log(wide / narrow) / Math.log(WIDE / NARROW) : 2;
  const anchor = narrow >= target ? { s: full * NARROW, n: narrow } : { s: full * WIDE, n: wide };
  const k = target > anchor.n ? clamp(slope, 1, 2) : clamp(slope, 1, 3);
  return clamp(anchor.s * (target / anchor.n) ** (1 / k), full * 0.002, full);
}
