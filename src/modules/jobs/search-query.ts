import { AppError } from "../../lib/errors";
import { type BoundingBox, boundingBox, haversineKm, type LatLng } from "../../lib/geo";
import { WORKING_DAYS_PER_MONTH } from "../matching/wage";
import { canonicalRegionCode } from "../regions/codes";
import type { Channel } from "./rules";

/** The search's input once validated: every path (Meilisearch, Postgres) reads only this. */
export interface SearchInput {
  q: string;
  channels: Channel[];
  /** Short canonical region code, any level. */
  region?: string;
  near?: LatLng;
  radiusKm: number;
  minWageFen?: number;
  wageUnit?: "day" | "month" | "piece";
  /**
   * A month-wage floor in any unit, as the day-equivalent the index holds (`wageTopDayFen`:
   * a month is 22 working days, src/modules/matching/wage.ts); piece rates are never excluded.
   */
  minTopDayFen?: number;
  certificate?: string;
  occupation?: string;
  /** Empty = any. */
  physicalDemands?: PhysicalDemandValue[];
  sort: SearchSort;
  offset: number;
  limit: number;
  /**
   * Local first (src/modules/jobs/search-local.ts): the signed-in labourer's township, county and
   * city codes; hits in the first come first, then the second… then the rest. Set by the service.
   */
  localTiers?: string[];
}

export type SearchSort = "relevance" | "wage" | "distance" | "newest";
export type PhysicalDemandValue = "light" | "normal" | "heavy";

export interface SearchHit {
  id: string;
  title: string;
  channel: string;
  occupation: string;
  employerId: string;
  employerName: string;
  wageMinFen: number;
  wageMaxFen: number;
  wageUnit: string;
  headcount: number;
  regionCode: string;
  placeName: string;
  lat: number | null;
  lng: number | null;
  benefits: string[];
  certificates: string[];
  workStartOn: string | null;
  workEndOn: string | null;
  pointToPoint: boolean;
  boardAndLodging: boolean;
  /** Absent on documents indexed before the field existed: false. */
  coBuiltPark?: boolean;
  transportSubsidyEligible: boolean;
  /** The employer pinned the place (lat/lng are real). Absent on documents indexed before the field existed: false. */
  pinned?: boolean;
  /** Absent on documents indexed before the field existed: "normal". */
  physicalDemand?: PhysicalDemandValue;
  /** Unix milliseconds. */
  postedAt: number;
  expiresAt: number;
}

export interface SearchPage {
  hits: (SearchHit & { distanceKm?: number; distanceText?: string | null })[];
  hasMore: boolean;
  /** Meilisearch's estimate; null where counting would cost a scan (the fallback, near-me). */
  estimatedTotal: number | null;
}

/** Meilisearch answers at most this many hits per query (`pagination.maxTotalHits`); pages end there. */
export const MAX_WINDOW = 1000;

/** With no words, "relevance" means nothing: near-me sorts by distance, anything else by date. */
export function effectiveSort(input: Pick<SearchInput, "q" | "sort" | "near">): SearchSort {
  if (input.sort !== "relevance" || input.q.trim() !== "") return input.sort;
  return input.near ? "distance" : "newest";
}

/** "23.1,110.2" → { lat, lng }; anything else is a 400 on `near`. */
export function parseNear(raw: string | undefined): LatLng | undefined {
  if (raw === undefined || raw === "") return undefined;
  const m = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(raw);
  const lat = m ? Number(m[1]) : NaN;
  const lng = m ? Number(m[2]) : NaN;
  if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
    throw new AppError("VALIDATION_FAILED", "位置格式应为“纬度,经度”，如 24.83,110.83", {
      field: "near",
    });
  }
  return { lat, lng };
}

/** Opaque page cursors: base64url of the offset. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o${offset}`).toString("base64url");
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o(\d{1,4})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m || Number(m[1]) >= MAX_WINDOW)
    throw new AppError("VALIDATION_FAILED", "分页参数无效，请从第一页重新查询", {
      field: "cursor",
    });
  return Number(m[1]);
}

/** Meilisearch filter string values: quoted, with quotes and backslashes escaped. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

/**
 * The Meilisearch filter for everything but the words. Only open postings are in the index, so
 * `status` needs no filter; the deadline is checked here as well as by the expiry job, so a
 * posting is never found after its deadline even before the job has run.
 *
 * Written as `NOT expiresAt <= now`, not `expiresAt > now`: the same postings (every document
 * has a deadline), but Meilisearch resolves a numeric range by uniting the document sets of every
 * value in it, and nearly every open posting has a deadline after now (a union over ≈ 400k
 * values at 500k postings: 3–5 ms per query), while almost none has one before it (measured in
 * docs/SEARCH.md, "Filter cost").
 */
export const EXPIRY_FILTER_PREFIX = "NOT expiresAt <=";

export function meiliFilter(input: SearchInput, nowMs: number, box?: BoundingBox): string[] {
  const f = [`${EXPIRY_FILTER_PREFIX} ${nowMs}`];
  if (input.channels.length > 0) f.push(`channel IN [${input.channels.map(quote).join(", ")}]`);
  if (input.region) f.push(`regionCodes = ${quote(input.region)}`);
  if (input.wageUnit) f.push(`wageUnit = ${quote(input.wageUnit)}`);
  if (input.minWageFen !== undefined) f.push(`wageMaxFen >= ${input.minWageFen}`);
  // NOT … < keeps the piece-rate postings, which have no wageTopDayFen (as matching's floor does).
  if (input.minTopDayFen !== undefined) f.push(`NOT wageTopDayFen < ${input.minTopDayFen}`);
  if (input.certificate) f.push(`certificates = ${quote(input.certificate)}`);
  if (input.occupation) f.push(`occupation = ${quote(input.occupation)}`);
  if (input.physicalDemands?.length)
    f.push(`physicalDemand IN [${input.physicalDemands.map(quote).join(", ")}]`);
  if (box) f.push(`lat ${box.minLat} TO ${box.maxLat}`, `lng ${box.minLng} TO ${box.maxLng}`);
  return f;
}

/** The box as one filter expression, to negate: `NOT (lat … AND lng …)`. */
export function boxFilter(box: BoundingBox): string {
  return `lat ${box.minLat} TO ${box.maxLat} AND lng ${box.minLng} TO ${box.maxLng}`;
}

export function meiliSort(sort: SearchSort): string[] | undefined {
  if (sort === "wage") return ["wageMaxFen:desc", "postedAt:desc"];
  if (sort === "newest") return ["postedAt:desc"];
  return undefined;
}

/**
 * Keeps the hits inside the circle (the box's corners are not) and sets each one's distance,
 * rounded to the metre, on the hit itself: the hits are the caller's own (parsed from a reply or
 * a row), and copying each posting to add one field cost more than the rest of the page's work.
 */
export function withinRadius<
  T extends { lat: number | null; lng: number | null; distanceKm?: number },
>(hits: T[], center: LatLng, radiusKm: number) {
  const out: (T & { distanceKm: number })[] = [];
  for (const h of hits) {
    if (h.lat === null || h.lng === null) continue;
    const d = haversineKm(center, { lat: h.lat, lng: h.lng });
    if (d > radiusKm) continue;
    h.distanceKm = Math.round(d * 1000) / 1000;
    out.push(h as T & { distanceKm: number });
  }
  return out;
}

export function byDistance<T extends { distanceKm: number; id: string }>(a: T, b: T): number {
  return a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export { boundingBox };

export interface RawSearchQuery {
  q: string;
  channel: Channel[];
  region?: string;
  near?: string;
  radiusKm: number;
  minWageFen?: number;
  wageUnit?: "day" | "month" | "piece";
  minMonthlyWageFen?: number;
  certificate?: string;
  occupation?: string;
  physicalDemand?: PhysicalDemandValue[];
  sort: SearchSort;
  cursor?: string;
  limit: number;
}

/** Cross-field rules the query schema cannot say; each failure names its parameter. */
export function toSearchInput(raw: RawSearchQuery): SearchInput {
  const near = parseNear(raw.near);
  if (raw.sort === "distance" && !near)
    throw new AppError("VALIDATION_FAILED", "按距离排序须提供当前位置 near", { field: "sort" });
  if (raw.minWageFen !== undefined && !raw.wageUnit) {
    throw new AppError("VALIDATION_FAILED", "按工资筛选时请同时选择计薪方式（日薪、月薪或计件）", {
      field: "wageUnit",
    });
  }
  let region: string | undefined;
  if (raw.region) {
    region = canonicalRegionCode(raw.region);
    if (!region)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
  }
  const offset = decodeOffset(raw.cursor);
  return {
    q: raw.q,
    channels: [...new Set(raw.channel)],
    physicalDemands: [...new Set(raw.physicalDemand ?? [])],
    radiusKm: raw.radiusKm,
    sort: raw.sort,
    offset,
    limit: Math.min(raw.limit, MAX_WINDOW - offset),
    ...(region ? { region } : {}),
    ...(near ? { near } : {}),
    ...(raw.minWageFen !== undefined ? { minWageFen: raw.minWageFen } : {}),
    ...(raw.wageUnit ? { wageUnit: raw.wageUnit } : {}),
    ...(raw.minMonthlyWageFen !== undefined
      ? { minTopDayFen: Math.floor(raw.minMonthlyWageFen / WORKING_DAYS_PER_MONTH) }
      : {}),
    ...(raw.certificate ? { certificate: raw.certificate } : {}),
    ...(raw.occupation ? { occupation: raw.occupation } : {}),
  };
}
