import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { expandTerm } from "../../search/synonyms";
import { containsPattern, facetKey, queryTerms, queryTokens } from "../../search/text-tokens";
import { WORKING_DAYS_PER_MONTH } from "../matching/wage";
import {
  boundingBox,
  effectiveSort,
  type SearchHit,
  type SearchInput,
  type SearchPage,
  withinRadius,
} from "./search-query";

/**
 * The degraded search: the same filters and page shape, answered by Postgres. Words match by
 * the rule in src/search/text-tokens.ts (every term a substring of the searchable text), served
 * by the GIN index of CJK bigrams and facet keys on open postings and rechecked with LIKE.
 * Relevance is not modelled here: degraded answers put the newest first.
 */
const EARTH_RADIUS_KM = 6371.0088;

function distanceSql(lat: number, lng: number): SQL {
  return sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1, sqrt(
    power(sin(radians(j.lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(j.lat)) * power(sin(radians(j.lng - ${lng}::float8) / 2), 2)))))`;
}

/**
 * One query term: the posting contains it or, through the synonym table (src/search/synonyms.ts,
 * the same table as Meilisearch's `synonyms`), any word it also finds. Each alternative is its
 * bigram keys (GIN) and the substring recheck.
 */
function termCondition(alternatives: string[]): SQL {
  const one = (alt: string) => {
    const keys = queryTokens([alt]);
    const like = sql`j.search_text like ${containsPattern(alt)}`;
    return keys.length ? sql`(j.search_tokens @> ${sql.param(keys)}::text[] and ${like})` : like;
  };
  return sql`(${sql.join(alternatives.map(one), sql` or `)})`;
}

function conditions(input: SearchInput, now: Date): SQL[] {
  const all = queryTerms(input.q).map((t) => ({ t, alts: expandTerm(t) }));
  // Terms with synonyms are checked by termCondition; the rest keep the one GIN containment.
  const terms = all.filter((x) => x.alts.length === 1).map((x) => x.t);
  const keys = [...queryTokens(terms)];
  if (input.region) keys.push(facetKey.region(input.region));
  if (input.certificate) keys.push(facetKey.certificate(input.certificate));
  if (input.occupation) keys.push(facetKey.occupation(input.occupation));
  const where: SQL[] = [
    sql`j.status = 'open'`,
    sql`j.expires_at > ${now.toISOString()}::timestamptz`,
    sql`e.verification_status = 'verified'`,
  ];
  if (keys.length > 0) where.push(sql`j.search_tokens @> ${sql.param(keys)}::text[]`);
  for (const t of terms) where.push(sql`j.search_text like ${containsPattern(t)}`);
  for (const x of all) if (x.alts.length > 1) where.push(termCondition(x.alts));
  // The keys narrow; these are the exact checks (a region key r:4503 is exact already).
  if (input.occupation) where.push(sql`j.occupation = ${input.occupation}`);
  if (input.certificate) where.push(sql`${input.certificate} = any(j.certificates)`);
  if (input.channels.length > 0)
    where.push(sql`j.channel::text = any(${sql.param(input.channels)}::text[])`);
  if (input.physicalDemands?.length)
    where.push(sql`j.physical_demand::text = any(${sql.param(input.physicalDemands)}::text[])`);
  if (input.wageUnit) where.push(sql`j.wage_unit = ${input.wageUnit}`);
  if (input.minWageFen !== undefined) where.push(sql`j.wage_max_fen >= ${input.minWageFen}`);
  // The index's wageTopDayFen (jobs-documents.ts), computed the same way; piece rates are kept.
  if (input.minTopDayFen !== undefined)
    where.push(sql`(j.wage_unit = 'piece' or (case j.wage_unit when 'day' then coalesce(j.wage_max_fen, j.wage_min_fen)::numeric
      else round(coalesce(j.wage_max_fen, j.wage_min_fen) / ${sql.raw(`${WORKING_DAYS_PER_MONTH}.0`)}) end) >= ${input.minTopDayFen})`);
  if (input.near) {
    const b = boundingBox(input.near, input.radiusKm);
    where.push(sql`j.lat between ${b.minLat}::float8 and ${b.maxLat}::float8`);
    where.push(sql`j.lng between ${b.minLng}::float8 and ${b.maxLng}::float8`);
    where.push(sql`${distanceSql(input.near.lat, input.near.lng)} <= ${input.radiusKm}::float8`);
  }
  return where;
}

/** Local first (search-local.ts): township, county, city of the labourer's home, then the rest. */
function tierOrder(tiers: string[]): SQL {
  const whens = tiers.map((code, i) => sql`when j.region_code like ${`${code}%`} then ${i}`);
  return sql`case ${sql.join(whens, sql` `)} else ${tiers.length} end asc, `;
}

// `nulls last` matches the partial indexes (jobs_open_posted_idx, jobs_open_wage_idx), so they can serve the order.
function orderBy(input: SearchInput, t = sql`j`): SQL {
  const sort = effectiveSort(input);
  if (input.localTiers?.length)
    return sql`${tierOrder(input.localTiers)}${orderBy({ ...input, localTiers: [] })}`;
  if (sort === "distance" && input.near)
    return sql`${distanceSql(input.near.lat, input.near.lng)} asc, j.id asc`;
  if (sort === "wage")
    return sql`${t}.wage_max_fen desc nulls last, ${t}.posted_at desc nulls last, ${t}.id desc`;
  return sql`${t}.posted_at desc nulls last, ${t}.id desc`;
}

type Row = {
  id: string;
  title: string;
  channel: string;
  occupation: string;
  employer_id: string;
  employer_name: string;
  wage_min_fen: number;
  wage_max_fen: number;
  wage_unit: string;
  headcount: number;
  region_code: string;
  place_name: string;
  lat: number | null;
  lng: number | null;
  benefits: string[];
  certificates: string[];
  work_start_on: string | null;
  work_end_on: string | null;
  point_to_point: boolean;
  board_and_lodging: boolean;
  co_built_park: boolean;
  transport_subsidy_eligible: boolean;
  pinned: boolean;
  physical_demand: "light" | "normal" | "heavy";
  posted_at: string;
  expires_at: string;
};

function toHit(r: Row): SearchHit {
  return {
    id: r.id,
    title: r.title,
    channel: r.channel,
    occupation: r.occupation,
    employerId: r.employer_id,
    employerName: r.employer_name,
    wageMinFen: r.wage_min_fen,
    wageMaxFen: r.wage_max_fen,
    wageUnit: r.wage_unit,
    headcount: r.headcount,
    regionCode: r.region_code,
    placeName: r.place_name,
    lat: r.lat,
    lng: r.lng,
    benefits: r.benefits,
    certificates: r.certificates,
    workStartOn: r.work_start_on,
    workEndOn: r.work_end_on,
    pointToPoint: r.point_to_point,
    boardAndLodging: r.board_and_lodging,
    coBuiltPark: r.co_built_park,
    transportSubsidyEligible: r.transport_subsidy_eligible,
    pinned: r.pinned,
    physicalDemand: r.physical_demand,
    postedAt: Number(r.posted_at),
    expiresAt: Number(r.expires_at),
  };
}

/** Open postings first in the result order, as many as the window holds (see searchPostgres). */
const WINDOW = 1000;

async function run(db: Db, input: SearchInput, now: Date, window: boolean): Promise<SearchHit[]> {
  const source = window
    ? sql`(select * from jobs where status = 'open' order by ${orderBy(input, sql`jobs`)} limit ${WINDOW})`
    : sql`jobs`;
  const rows = await db.execute<Row>(sql`
    select j.id, j.title, j.channel, j.occupation, j.employer_id, e.name as employer_name, j.wage_min_fen,
      j.wage_max_fen, j.wage_unit, j.headcount, j.region_code, j.place_name, j.lat, j.lng, j.benefits,
      j.certificates, j.work_start_on::text as work_start_on, j.work_end_on::text as work_end_on, j.point_to_point, j.co_built_park,
      j.board_and_lodging, j.transport_subsidy_eligible, j.pinned, j.physical_demand,
      floor(extract(epoch from coalesce(j.posted_at, j.created_at)) * 1000)::bigint as posted_at,
      floor(extract(epoch from j.expires_at) * 1000)::bigint as expires_at
    from ${source} j join employers e on e.id = j.employer_id
    where ${sql.join(conditions(input, now), sql` and `)}
    order by ${orderBy(input)}
    limit ${input.limit + 1} offset ${input.offset}`);
  return [...rows].map(toHit);
}

/**
 * Nearest first within growing circles (r/16, r/4, r): when a circle already holds the page and
 * one more, those are the nearest overall; a dense city answers from a small box instead of
 * sorting every posting within the full radius by distance.
 */
async function nearestFirst(db: Db, input: SearchInput, now: Date): Promise<SearchHit[]> {
  for (const f of [1 / 16, 1 / 4]) {
    const hits = await run(db, { ...input, radiusKm: input.radiusKm * f }, now, false);
    if (hits.length > input.limit) return hits;
  }
  return run(db, input, now, false);
}

/**
 * Newest- and wage-ordered queries first look only at the 1,000 open postings that come first in
 * that order (an index scan, a few ms): when a page and one more match there, they are exactly
 * the first matches overall. Only rarer words fall through to the bitmap-index query, whose cost
 * grows with the number of matches (≈ 60–120 ms for 5,000–13,000 matches at 500k postings).
 */
export async function searchPostgres(db: Db, input: SearchInput, now: Date): Promise<SearchPage> {
  const sort = effectiveSort(input);
  let hits: SearchPage["hits"] | undefined;
  // The window holds the newest open postings whatever their place: local-first cannot use it.
  const windowed = !input.near && sort !== "distance" && !input.localTiers?.length;
  if (windowed && input.offset + input.limit < WINDOW) {
    const recent = await run(db, input, now, true);
    if (recent.length > input.limit) hits = recent;
  }
  if (!hits && input.near && sort === "distance") hits = await nearestFirst(db, input, now);
  hits ??= await run(db, input, now, false);
  const hasMore = hits.length > input.limit;
  hits = hits.slice(0, input.limit);
  if (input.near) hits = withinRadius(hits, input.near, input.radiusKm * (1 + 1e-9));
  return { hits, hasMore, estimatedTotal: null };
}
