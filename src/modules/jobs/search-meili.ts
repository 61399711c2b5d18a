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

/**
 * Nearest first. Fetching every candidate in a dense box is what costs (1,000 documents ≈ 40 ms
 * on the benchmark index; a count with `limit: 0` ≈ 1 ms), so: count the box, shrink the radius
 * to where about twice a page is expected, fetch that box whole, and grow or shrink until the
 * box was complete (fewer hits than asked for) and its circle holds the page. The nearest hits
 * are then exact, not a sample.
 */
async function distancePage(c: Call, center: LatLng): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const target = need * 2 + 10;
  const window = Math.min(MAX_WINDOW, Math.max(150, target * 3));
  const full = input.radiusKm;
  const counted = await query(c, { filter: meiliFilter(input, c.nowMs, boundingBox(center, full)), limit: 0 });
  const total = counted.estimated ?? window;
  let radius = total <= window ? full : Math.max(full * 0.01, full * Math.sqrt(target / total));
  let best: (SearchHit & { distanceKm: number })[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const { hits } = await query(c, { filter: meiliFilter(input, c.nowMs, boundingBox(center, radius)), limit: window });
    const inside = withinRadius(hits, center, radius);
    const complete = hits.length < window;
    if (complete) best = inside;
    if (complete && (inside.length >= need || radius >= full)) break;
    radius = complete
      ? Math.min(full, radius * Math.max(1.3, Math.sqrt((need * 1.6) / Math.max(1, inside.length))))
      : radius * 0.6;
  }
  best.sort(byDistance);
  return { hits: best.slice(input.offset, input.offset + input.limit), hasMore: best.length >= need, estimatedTotal: null };
}
