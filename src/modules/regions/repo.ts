import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { regions } from "../../../db/schema/regions";
import { GUANGXI } from "./codes";
import { shortRegionName } from "./names";

export type Region = typeof regions.$inferSelect;

export async function findRegion(db: Executor, code: string): Promise<Region | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return row;
}

export async function findRegions(db: Executor, codes: string[]): Promise<Region[]> {
  if (codes.length === 0) return [];
  return db.select().from(regions).where(inArray(regions.code, codes));
}

export async function listChildren(db: Executor, parent: string | null): Promise<Region[]> {
  return db
    .select()
    .from(regions)
    .where(parent === null ? isNull(regions.parentCode) : eq(regions.parentCode, parent))
    .orderBy(asc(regions.code));
}

/**
 * Name lookup as people type it. Ranked: the exact name (恭城瑶族自治县), the exact short name
 * (恭城 → 恭城瑶族自治县, 桂林 → 桂林市), the same short name under another suffix (恭城县 →
 * 恭城瑶族自治县), then prefix, then substring; within a rank shallower levels come first, so
 * the county 恭城 precedes the township 恭城镇, and Guangxi (where our users live) precedes Guangdong.
 */
export async function searchByName(
  db: Executor,
  q: string,
  opts: { within?: string; maxDepth?: number; limit: number },
): Promise<Region[]> {
  const short = shortRegionName(q);
  const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
  const conds = [
    or(
      like(regions.name, `%${escaped}%`),
      like(regions.shortName, `%${escaped}%`),
      eq(regions.shortName, short),
    ),
  ];
  if (opts.within) conds.push(like(regions.code, `${opts.within}%`));
  if (opts.maxDepth) conds.push(sql`${regions.depth} <= ${opts.maxDepth}`);
  return db
    .select()
    .from(regions)
    .where(and(...conds))
    .orderBy(
      sql`case when ${regions.name} = ${q} then 0
               when ${regions.shortName} = ${q} then 1
               when ${regions.shortName} = ${short} then 2
               when ${regions.name} like ${`${escaped}%`} or ${regions.shortName} like ${`${escaped}%`} then 3 else 4 end`,
      asc(regions.depth),
      sql`case when ${regions.code} like ${`${GUANGXI}%`} then 0 else 1 end`,
      asc(regions.code),
    )
    .limit(opts.limit);
}

/** Regions whose point is their own (county, city, province), not inherited from an ancestor. */
export async function listSourcedPoints(db: Executor) {
  return db
    .select({ code: regions.code, lat: regions.lat, lng: regions.lng })
    .from(regions)
    .where(
      and(
        sql`${regions.lat} is not null`,
        sql`${regions.lng} is not null`,
        sql`${regions.coordSource} not like 'inherited:%'`,
      ),
    );
}
