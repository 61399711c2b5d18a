import { inArray, like, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households, labourers } from "../../../db/schema/labourers";
import { regions } from "../../../db/schema/regions";
import type { Household, NewHousehold } from "../households/repo";
import type { Labourer, NewLabourer } from "../labourers/repo";
import { IMPORTED_COLUMNS } from "./plan";
import type { RegionRef } from "./villages";

/**
 * Set-based registry queries for the ledger import: one statement per chunk and table, where
 * the API's writes (labourers/write.ts) take several statements per person. Executor first;
 * every call runs inside the import's transaction.
 */

/** Postgres allows 65,535 bind parameters per statement; a labourer row binds ~35. */
const WRITE_BATCH = 1_000;

export async function lockLabourersByIdHash(db: Executor, hashes: string[]): Promise<Labourer[]> {
  if (hashes.length === 0) return [];
  return db.select().from(labourers).where(inArray(labourers.idNumberHash, hashes)).for("update");
}

export async function lockHouseholdsByNo(db: Executor, nos: string[]): Promise<Household[]> {
  if (nos.length === 0) return [];
  return db.select().from(households).where(inArray(households.householdNo, nos)).for("update");
}

/** Rows that lost a race to a concurrent registration of the same 户编号 are simply not returned. */
export async function insertHouseholds(db: Executor, rows: NewHousehold[]): Promise<Household[]> {
  const out: Household[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH);
    out.push(...(await db.insert(households).values(batch).onConflictDoNothing({ target: households.householdNo }).returning()));
  }
  return out;
}

const excluded = (column: string) => sql.raw(`excluded.${column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);

/**
 * Creates and updates in one statement per batch, keyed by id_number_hash. An existing record
 * outside `countyPrefix` is never overwritten (the WHERE of DO UPDATE): such a row is missing
 * from the result and the caller reports it. `inserted` tells a new record from an update.
 */
export async function upsertLabourers(db: Executor, rows: NewLabourer[], countyPrefix: string) {
  const set = Object.fromEntries([...IMPORTED_COLUMNS, "updatedAt"].map((c) => [c, excluded(c)]));
  const out: { id: string; idNumberHash: string; inserted: boolean }[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const batch = rows.slice(i, i + WRITE_BATCH);
    out.push(...(await db.insert(labourers).values(batch)
      .onConflictDoUpdate({ target: labourers.idNumberHash, set, setWhere: like(labourers.villageCode, `${countyPrefix}%`) })
      .returning({ id: labourers.id, idNumberHash: labourers.idNumberHash, inserted: sql<boolean>`(xmax = 0)` })));
  }
  return out;
}

/** The first member written as 户主 becomes the household's head, once (labourers/repo linkHouseholdHead). */
export async function linkHouseholdHeads(db: Executor, householdIds: string[]): Promise<void> {
  if (householdIds.length === 0) return;
  await db.execute(sql`
    update households h set head_labourer_id = l.id
    from (select distinct on (household_id) household_id, id from labourers
          where household_id in ${householdIds}
            and relation_to_head = '户主'
          order by household_id, created_at, id) l
    where h.id = l.household_id and h.head_labourer_id is null`);
}

export async function existingRegionCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** The county and every township and village in it, for name resolution. */
export async function regionsWithin(db: Executor, county: string): Promise<RegionRef[]> {
  return db.select({ code: regions.code, name: regions.name, shortName: regions.shortName, parentCode: regions.parentCode })
    .from(regions).where(like(regions.code, `${county}%`));
}

