import type { Search } from "../../search/client";
import { jobsIndexUid } from "../../search/jobs-index";
import { meiliSearcher } from "../../search/meili-http";
import { ancestry } from "../regions/codes";
import { SUMMARY_FIELDS } from "./search-meili";
import {
  MAX_WINDOW,
  meiliFilter,
  meiliSort,
  quote,
  type SearchHit,
  type SearchInput,
  type SearchPage,
  type SearchSort,
} from "./search-query";

/**
 * Local first: a signed-in labourer's search without a region, a location or an explicit order
 * lists their township's postings first, then their county's, then their city's, then the rest
 * (docs/SEARCH.md, "Local first"). Meilisearch cannot rank by a per-person place, so this is a
 * filter cascade: one multi-search with a query per tier (township; county but not township;
 * city but not county; not city), each in the usual order (relevance, or newest without words),
 * concatenated. The Postgres fallback orders by the same tiers (search-postgres.ts).
 */

/** Township, county, city of a home village (shortest last): the tiers, most local first. */
export function localTiersOf(villageCode: string): string[] {
  return ancestry(villageCode)
    .filter((c) => c.length >= 4 && c.length <= 9)
    .reverse();
}

/** Whether a query gets the local-first order: no region, no location, the default order. */
export function wantsLocalFirst(input: SearchInput): boolean {
  return !input.region && !input.near && input.sort === "relevance";
}

/** The Meilisearch filter of each tier, the last one being "everything farther". */
export function tierFilters(input: SearchInput, nowMs: number): string[][] {
  const tiers = input.localTiers ?? [];
  const base = meiliFilter(input, nowMs);
  const out = tiers.map((code, i) => [
    ...base,
    `regionCodes = ${quote(code)}`,
    ...(i > 0 ? [`NOT regionCodes = ${quote(tiers[i - 1]!)}`] : []),
  ]);
  out.push([...base, `NOT regionCodes = ${quote(tiers[tiers.length - 1]!)}`]);
  return out;
}

export async function localFirstPage(
  search: Search,
  input: SearchInput,
  nowMs: number,
  sort: SearchSort,
  deadline?: number,
): Promise<SearchPage> {
  const need = Math.min(MAX_WINDOW, input.offset + input.limit + 1);
  const results = await meiliSearcher(search).multiSearch<{
    hits: SearchHit[];
    estimatedTotalHits?: number;
  }>(
    tierFilters(input, nowMs).map((filter) => ({
      indexUid: jobsIndexUid(search),
      q: input.q,
      matchingStrategy: "all",
      locales: ["cmn"],
      attributesToRetrieve: SUMMARY_FIELDS,
      filter,
      ...(meiliSort(sort) ? { sort: meiliSort(sort) } : {}),
      offset: 0,
      limit: need,
    })),
    deadline,
  );
  const all = results.flatMap((r) => r.hits);
  return {
    hits: all.slice(input.offset, input.offset + input.limit),
    hasMore: all.length > input.offset + input.limit && input.offset + input.limit < MAX_WINDOW,
    estimatedTotal: results.reduce((n, r) => n + (r.estimatedTotalHits ?? 0), 0),
  };
}
