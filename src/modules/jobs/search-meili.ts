import type { LatLng } from "../../lib/geo";
import type { Search } from "../../search/client";
import { jobsIndexUid } from "../../search/jobs-index";
import { meiliSearcher } from "../../search/meili-http";
import {
  MAX_WINDOW, boundingBox, byDistance, effectiveSort, meiliFilter, meiliSort, withinRadius,
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

/** Box half-widths tried for nearest-first, as fractions of the radius: each rung halves. */
const LADDER = [1, 1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64];

/**
 * Nearest first, exact. Fetching every candidate of a dense box is what costs (1,000 documents
 * ≈ 40 ms on the benchmark index), counting one is cheap (≈ 1 ms). So one multi-search counts
 * the boxes of half-width r, r/2, r/4 …; the smallest box s holding a full page gives the radius
 * ρ = s·√2, whose circle contains that box and so at least a page; box(ρ) lies inside the next
 * larger rung, so its size is known and it is fetched whole. The nearest hits are then all
 * inside circle(ρ), and all of circle(ρ) was fetched.
 */
async function distancePage(c: Call, center: LatLng): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const full = input.radiusKm;
  const uid = jobsIndexUid(c.search);
  const counts = (await meiliSearcher(c.search).multiSearch<{ totalHits: number }>(LADDER.map((f) => ({
    indexUid: uid, q: input.q, matchingStrategy: "all", locales: ["cmn"], page: 1, hitsPerPage: 0,
    filter: meiliFilter(input, c.nowMs, boundingBox(center, full * f)),
  })), c.signal)).map((r) => r.totalHits);
  let rung = 0;
  while (rung + 1 < LADDER.length && counts[rung + 1]! >= need) rung++;
  const radius = rung === 0 ? full : Math.min(full, full * LADDER[rung]! * Math.SQRT2);
  const bound = rung === 0 ? counts[0]! : counts[rung - 1]!;
  const { hits } = await query(c, { filter: meiliFilter(input, c.nowMs, boundingBox(center, radius)), limit: Math.min(MAX_WINDOW, bound + 1) });
  const inside = withinRadius(hits, center, radius).sort(byDistance);
  return { hits: inside.slice(input.offset, input.offset + input.limit), hasMore: inside.length >= need, estimatedTotal: null };
}
