import type { LatLng } from "../../lib/geo";
import type { Search } from "../../search/client";
import { jobsIndexUid } from "../../search/jobs-index";
import { meiliSearcher } from "../../search/meili-http";
import type { PostingDensity } from "../../search/posting-density";
import { localFirstPage } from "./search-local";
import {
  boundingBox,
  boxFilter,
  byDistance,
  EXPIRY_FILTER_PREFIX,
  effectiveSort,
  MAX_WINDOW,
  meiliFilter,
  meiliSort,
  type SearchHit,
  type SearchInput,
  type SearchPage,
  type SearchSort,
  withinRadius,
} from "./search-query";

/** What a result list shows: no description, so replies stay small. */
export const SUMMARY_FIELDS: (keyof SearchHit)[] = [
  "id",
  "title",
  "channel",
  "occupation",
  "employerId",
  "employerName",
  "wageMinFen",
  "wageMaxFen",
  "wageUnit",
  "headcount",
  "regionCode",
  "placeName",
  "lat",
  "lng",
  "benefits",
  "certificates",
  "workStartOn",
  "workEndOn",
  "pointToPoint",
  "boardAndLodging",
  "coBuiltPark",
  "transportSubsidyEligible",
  "pinned",
  "physicalDemand",
  "postedAt",
  "expiresAt",
];

interface Call {
  search: Search;
  input: SearchInput;
  nowMs: number;
  /** Epoch ms by which every Meilisearch request of this search must have been answered. */
  deadline?: number;
  /** Where the searchable postings are (src/search/posting-density.ts): sizes near-me fetches without counting first. */
  density?: PostingDensity | null;
}

export interface SearchMeiliOptions {
  deadline?: number;
  density?: PostingDensity | null;
}

async function query(
  c: Call,
  params: { filter: string[]; sort?: string[]; offset?: number; limit: number },
) {
  const res = await meiliSearcher(c.search).search<SearchHit>(
    jobsIndexUid(c.search),
    {
      q: c.input.q,
      matchingStrategy: "all",
      locales: ["cmn"],
      attributesToRetrieve: SUMMARY_FIELDS,
      ...params,
    },
    c.deadline,
  );
  return { hits: res.hits, estimated: res.estimatedTotalHits ?? null };
}

/**
 * Search on Meilisearch. Near-me uses a lat/lng bounding-box filter (no `_geo`, see
 * docs/SEARCH.md); the exact circle and the distances are computed here, so near-me pages are
 * cut in code from hits that start at the first one.
 */
export async function searchMeili(
  search: Search,
  input: SearchInput,
  now: Date,
  opts: SearchMeiliOptions = {},
): Promise<SearchPage> {
  const c: Call = { search, input, nowMs: now.getTime(), ...opts };
  const sort = effectiveSort(input);
  if (!input.near) return plainPage(c, sort);
  if (sort === "distance") return distancePage(c, input.near);
  return nearRankedPage(c, input.near, sort);
}

async function plainPage(c: Call, sort: SearchSort): Promise<SearchPage> {
  const { input } = c;
  if (input.localTiers?.length) return localFirstPage(c.search, input, c.nowMs, sort, c.deadline);
  const { hits, estimated } = await query(c, {
    filter: meiliFilter(input, c.nowMs),
    sort: meiliSort(sort),
    offset: input.offset,
    limit: input.limit + 1,
  });
  const hasMore = hits.length > input.limit && input.offset + input.limit < MAX_WINDOW;
  return { hits: hits.slice(0, input.limit), hasMore, estimatedTotal: estimated };
}

/**
 * Ranked by words, wage or date within the circle: the box's hits are fetched in rank order from
 * the first one, the corners dropped and the page cut in code. The first fetch is the page over
 * the share of the box the circle is expected to hold (from the density map, else π/4), with a
 * margin; when the corners ate more, the next hits follow (offset), never a refetch.
 */
async function nearRankedPage(c: Call, center: LatLng, sort: SearchSort): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const filter = meiliFilter(input, c.nowMs, boundingBox(center, input.radiusKm));
  const share = circleShare(c, center);
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  let window = Math.min(MAX_WINDOW, Math.ceil((need / share) * 1.1) + 3);
  for (;;) {
    const asked = window - hits.length;
    const got = await query(c, {
      filter,
      sort: meiliSort(sort),
      offset: hits.length,
      limit: asked,
    });
    // A posting that moved up between two fetches (the index changed) is not listed twice.
    for (const h of got.hits)
      if (!seen.has(h.id)) {
        seen.add(h.id);
        hits.push(h);
      }
    const inside = withinRadius(hits, center, input.radiusKm);
    if (inside.length >= need || got.hits.length < asked || hits.length >= MAX_WINDOW) {
      return {
        hits: inside.slice(input.offset, input.offset + input.limit),
        hasMore: inside.length >= need,
        estimatedTotal: null,
      };
    }
    window = Math.min(
      MAX_WINDOW,
      hits.length + Math.ceil(((need - inside.length) / share) * 1.5) + 5,
    );
  }
}

/** The share of the radius's bounding box the circle is expected to hold: π/4 for an even spread. */
function circleShare(c: Call, center: LatLng): number {
  const { input, density } = c;
  const even = Math.PI / 4;
  if (!density) return even;
  const inBox = density.boxCount(boundingBox(center, input.radiusKm), input.channels);
  if (inBox < 1) return even;
  return clamp(density.circleCount(center, input.radiusKm, input.channels) / inBox, 0.3, 1);
}

/** The density map counts postings by place and channel only: it steers queries with no other filter. */
function densitySteers(input: SearchInput): boolean {
  return (
    input.q.trim() === "" &&
    !input.region &&
    !input.wageUnit &&
    input.minWageFen === undefined &&
    !input.certificate &&
    !input.occupation &&
    !input.physicalDemands?.length
  );
}

/**
 * With the density map, the circle is aimed at this many times the postings the page needs. On
 * the 500k benchmark index (24 near-me queries): 1.1 → 27 requests, 647 documents; 1.2 → 26,
 * 651; 1.35 → 25, 665; 1.5 → 24, 706. A second request costs more than a dozen documents.
 */
const MAP_MARGIN = 1.35;

/**
 * Nearest first, exact. Fetching every candidate of a dense box is what costs (each returned
 * document costs Meilisearch far more than counting one), so the box to fetch is sized first:
 * from the density map when the query has no filter it cannot count (words, region, wage …),
 * else from two counts (estimateRadius). The box is fetched; when its circle holds too few, only
 * the ring between it and a larger box is fetched next; when it held more than one fetch returns,
 * a smaller box (sized by counting if the map was wrong). The nearest hits are then exact, not a
 * sample: every posting within the final radius was fetched and the page lies inside it.
 */
async function distancePage(c: Call, center: LatLng): Promise<SearchPage> {
  const { input } = c;
  const need = input.offset + input.limit + 1;
  const full = input.radiusKm;
  const window = Math.min(MAX_WINDOW, Math.max(200, need * 8));
  const map = c.density && densitySteers(input) ? c.density : null;
  let counted = !map;
  let radius = map
    ? map.radiusFor(center, need * MAP_MARGIN, full, input.channels)
    : await estimateRadius(c, center, need * 2 + 10);
  /** Every posting in the box of this radius has been fetched. */
  let done: { radius: number; hits: SearchHit[] } | null = null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const filter = meiliFilter(input, c.nowMs, boundingBox(center, radius));
    if (done) filter.push(`NOT (${boxFilter(boundingBox(center, done.radius))})`);
    const { hits } = await query(c, { filter, limit: window });
    if (hits.length < window) {
      done = { radius, hits: done ? [...done.hits, ...hits] : hits };
      const inside = withinRadius(done.hits, center, radius).length;
      if (inside >= need || radius >= full) break;
      radius = Math.min(
        full,
        radius * Math.max(1.25, Math.sqrt((need * 1.6) / Math.max(1, inside))),
      );
    } else if (done) {
      radius = done.radius + (radius - done.radius) / 2;
    } else if (!counted) {
      counted = true;
      radius = Math.min(radius * 0.6, await estimateRadius(c, center, need * 2 + 10));
    } else {
      radius *= 0.6;
    }
  }
  const best = done ? withinRadius(done.hits, center, done.radius) : [];
  best.sort(byDistance);
  return {
    hits: best.slice(input.offset, input.offset + input.limit),
    hasMore: best.length >= need,
    estimatedTotal: null,
  };
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
  const [wide, narrow] = (
    await meiliSearcher(c.search).multiSearch<{ totalHits: number }>(
      [WIDE, NARROW].map((f) => ({
        indexUid: jobsIndexUid(c.search),
        q: input.q,
        matchingStrategy: "all",
        locales: ["cmn"],
        page: 1,
        hitsPerPage: 0,
        filter: meiliFilter(input, c.nowMs, boundingBox(center, full * f)).filter(
          (x) => !x.startsWith(EXPIRY_FILTER_PREFIX),
        ),
      })),
      c.deadline,
    )
  ).map((r) => r.totalHits) as [number, number];
  if (wide === 0) return full;
  const slope = narrow > 0 ? Math.log(wide / narrow) / Math.log(WIDE / NARROW) : 2;
  const anchor = narrow >= target ? { s: full * NARROW, n: narrow } : { s: full * WIDE, n: wide };
  const k = target > anchor.n ? clamp(slope, 1, 2) : clamp(slope, 1, 3);
  return clamp(anchor.s * (target / anchor.n) ** (1 / k), full * 0.002, full);
}
