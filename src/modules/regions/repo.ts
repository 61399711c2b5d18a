import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { regions } from "../../../db/schema/regions";

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
 * Name lookup as people type it: exact name or short name first (桂林 → 桂林市, 恭城 →
 * 恭城瑶族自治县), then prefix, then substring; shallower levels before deeper ones.
 */
export async function searchByName(db: Executor, q: string, opts: { within?: string; maxDepth?: number; limit: number }): Promise<Region[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const conds = [or(like(regions.name, pattern), like(regions.shortName, pattern))];
  if (opts.within) conds.push(like(regions.code, `${opts.within}%`));
  if (opts.maxDepth) conds.push(sql`${regions.depth} <= ${opts.maxDepth}`);
  return db
    .select()
    .from(regions)
    .where(and(...conds))
    .orderBy(
      sql`case when ${regions.name} = ${q} or ${regions.shortName} = ${q} then 0
               when ${regions.name} like ${`${q}%`} or ${regions.shortName} like ${`${q}%`} then 1 else 2 end`,
      asc(regions.depth),
      asc(regions.code),
    )
    .limit(opts.limit);
}
