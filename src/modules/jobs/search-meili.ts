import type { SearchParams } from "meilisearch";
import type { Search } from "../../search/client";
import { jobsIndex } from "../../search/jobs-index";
import {
  MAX_WINDOW, boundingBox, byDistance, effectiveSort, meiliFilter, meiliSort, quote, withinRadius,
  type SearchHit, type SearchInput, type SearchPage,
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

async function query(c: Call, params: SearchParams) {
  const res = await jobsIndex(c.search).search<SearchHit>(
    c.input.q,
    { matchingStrategy: "all", locales: ["cmn"], ...params },
    c.signal ? { signal: c.signal } : undefined,
  );
  return { hits: res.hits as SearchHit[], estimated: res.estimatedTotalHits ?? null };
}

/**
 * Search on Meilisearch. Near-me uses a lat/lng bounding box filter (no `_geo`, see
 * docs/SEARCH.md) and the exact circle and distances are computed here; so near-me pages are cut
 * in code from a window that starts at hit 0.
 */
export async function searchMeili(search: Search, input: SearchInput, now: Date, signal?: AbortSignal): Promise<SearchPage> {
  const c: Call = { search, input, nowMs: now.getTime(), ...(signal ? { signal } : {}) };
  const sort = effectiveSort(input);
  if (!input.near) return plainPage(c, sort);
  if (sort === "distance") return distancePage(c);
  return nearRankedPage(c, sort);
}

async function plainPage(c: Call, sort: ReturnType<typeof effectiveSort>): Promise<SearchPage> {
  const { input } = c;
  const { hits, estimated } = await query(c, {
    filter: meiliFilter(input, c.nowMs), sort: meiliSort(sort), offset: input.offset, limit: input.limit + 1,
    attributesToRetrieve: SUMMARY_FIELDS,
  });
  const hasMore = hits.length > input.limit && input.offset + input.limit < MAX_WINDOW;
  return { hits: hits.slice(0, input.limit), hasMore, estimatedTotal: estimated };
}

/** Ranked by words, wage or date, restricted to the circle: over-fetch the box a little, cut in code. */
async function nearRankedPage(c: Call, sort: ReturnType<typeof effectiveSort>): Promise<SearchPage> {
  const { input } = c;
  const center = input.near!;
  const need = input.offset + input.limit + 1;
  const filter = meiliFilter(input, c.nowMs, boundingBox(center, input.radiusKm));
  // The circle fills π/4 of its box: 1.35× plus a margin is nearly always enough in one round.
  let window = Math.min(MAX_WINDOW, Math.ceil(need * 1.35) + 10);
  for (;;) {
    const { hits } = await query(c, { filter, sort: meiliSort(sort), offset: 0, limit: window, attributesToRetrieve: SUMMARY_FIELDS });
    const inside = withinRadius(hits, center, input.radiusKm);
    if (inside.length >= need || hits.length < window || window >= MAX_WINDOW) {
      return { hits: inside.slice(input.offset, input.offset + input.limit), hasMore: inside.length >= need, estimatedTotal: null };
    }
    window = MAX_WINDOW;
  }
}

interface Candidate { id: string; lat: number | null; lng: number | null }

/**
 * Nearest first. The box's candidates (ids and coordinates only) are complete when fewer than
 * MAX_WINDOW come back; if the box holds more, a smaller radius is tried until the candidates are
 * complete and still hold a full page, so the nearest hits are exact, not a sample.
 */
async function distancePage(c: Call): Promise<SearchPage> {
  const { input } = c;
  const center = input.near!;
  const need = input.offset + input.limit + 1;
  let radius = input.radiusKm;
  let hi = input.radiusKm;
  let lo = 0;
  let best: (Candidate & { distanceKm: number })[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const { hits, estimated } = await query(c, {
      filter: meiliFilter(input, c.nowMs, boundingBox(center, radius)), limit: MAX_WINDOW, attributesToRetrieve: ["id", "lat", "lng"],
    });
    const inside = withinRadius(hits as Candidate[], center, radius);
    const complete = hits.length < MAX_WINDOW;
    if (complete && (inside.length >= need || radius >= input.radiusKm)) {
      best = inside;
      break;
    }
    if (complete) {
      lo = radius;
      best = inside;
      radius = (radius + hi) / 2;
    } else {
      hi = radius;
      best = inside;
      const density = Math.max(estimated ?? 0, hits.length * 2);
      radius = Math.max(lo + (hi - lo) * 0.1, radius * Math.sqrt((MAX_WINDOW * 0.5) / density));
    }
  }
  best.sort(byDistance);
  const page = best.slice(input.offset, input.offset + input.limit);
  const details = await fetchByIds(c, page.map((p) => p.id));
  const hits = page.flatMap((p) => {
    const d = details.get(p.id);
    return d ? [{ ...d, distanceKm: p.distanceKm }] : [];
  });
  return { hits, hasMore: best.length >= need, estimatedTotal: null };
}

async function fetchByIds(c: Call, ids: string[]): Promise<Map<string, SearchHit>> {
  if (ids.length === 0) return new Map();
  const res = await jobsIndex(c.search).search<SearchHit>(
    "",
    { filter: `id IN [${ids.map(quote).join(", ")}]`, limit: ids.length, attributesToRetrieve: SUMMARY_FIELDS },
    c.signal ? { signal: c.signal } : undefined,
  );
  return new Map((res.hits as SearchHit[]).map((h) => [h.id, h]));
}
