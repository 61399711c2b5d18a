import { like, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households, labourers } from "../../../db/schema/labourers";
import { regions } from "../../../db/schema/regions";
import type { Household, NewHousehold } from "../households/repo";
import type { Labourer, NewLabourer } from "../labourers/repo";
import { IMPORTED_COLUMNS } from "./plan";
import { inJsonList, recordset } from "./recordset";
import type { RegionRef } from "./villages";

/**
 * Set-based registry queries for the ledger import: one statement per chunk and table, where
 * the API's writes (labourers/write.ts) take several statements per person. Executor first;
 * every call runs inside the import's transaction.
 */

export async function lockLabourersByIdHash(db: Executor, hashes: string[]): Promise<Labourer[]> {
  if (hashes.length === 0) return [];
  return db.select().from(labourers).where(inJsonList(labourers.idNumberHash, hashes)).for("update");
}

export async function lockHouseholdsByNo(db: Executor, nos: string[]): Promise<Household[]> {
  if (nos.length === 0) return [];
  return db.select().from(households).where(inJsonList(households.householdNo, nos)).for("update");
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const HOUSEHOLD_COLUMNS = ["householdNo", "villageCode", "headName", "resettlementSiteName", "createdAt", "updatedAt"] as const;
const householdSet = recordset(households, HOUSEHOLD_COLUMNS);

/** Rows that lost a race to a concurrent registration of the same 户编号 are simply not returned. */
export async function insertHouseholds(db: Executor, rows: NewHousehold[]): Promise<Household[]> {
  if (rows.length === 0) return [];
  const inserted = await db.execute<Record<string, unknown>>(sql`
    insert into households (${householdSet.columns}) select ${householdSet.columns} from ${householdSet.from(rows)}
    on conflict (household_no) do nothing returning *`);
  return inserted.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v])) as Household);
}

const householdChangeSet = recordset(households, ["id", "headName", "resettlementSiteName", "updatedAt"] as const);

export async function updateHouseholds(db: Executor, rows: Household[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update households h set head_name = x.head_name, resettlement_site_name = x.resettlement_site_name, updated_at = x.updated_at
    from ${householdChangeSet.from(rows)} where h.id = x.id`);
}

/** What an import writes on a labourer: identity on creation, then the ledger's columns. */
const WRITTEN = [
  "idNumberEnc", "idNumberHash", "idNumberMasked", "idNumberFlags", "sex", "birthDate", ...IMPORTED_COLUMNS, "createdAt", "updatedAt",
] as const;
const labourerSet = recordset(labourers, WRITTEN);
const onConflictSet = labourerSet.setExcluded([...IMPORTED_COLUMNS, "updatedAt"]);

/** Postgres reads a few MB of JSON per statement without trouble; this bounds one chunk's write. */
const WRITE_BATCH = 5_000;

/**
 * Creates and updates in one statement per batch, keyed by id_number_hash. An existing record
 * outside `countyPrefix` is never overwritten (the WHERE of DO UPDATE): such a row is missing
 * from the result and the caller reports it. `inserted` tells a new record from an update.
 */
export async function upsertLabourers(db: Executor, rows: NewLabourer[], countyPrefix: string) {
  const out: { id: string; idNumberHash: string; inserted: boolean }[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const result = await db.execute<{ id: string; id_number_hash: string; inserted: boolean }>(sql`
      insert into labourers (${labourerSet.columns}) select ${labourerSet.columns} from ${labourerSet.from(rows.slice(i, i + WRITE_BATCH))}
      on conflict (id_number_hash) do update set ${onConflictSet} where labourers.village_code like ${`${countyPrefix}%`}
      returning id, id_number_hash, (xmax = 0) as inserted`);
    for (const r of result) out.push({ id: r.id, idNumberHash: r.id_number_hash, inserted: r.inserted });
  }
  return out;
}

/** The first member written as 户主 becomes the household's head, once (labourers/repo linkHouseholdHead). */
export async function linkHouseholdHeads(db: Executor, householdIds: string[]): Promise<void> {
  if (householdIds.length === 0) return;
  await db.execute(sql`
    update households h set head_labourer_id = l.id
    from (select distinct on (household_id) household_id, id from labourers
          where household_id in (select value::uuid from json_array_elements_text(${JSON.stringify(householdIds)}::json))
            and relation_to_head = '户主'
          order by household_id, created_at, id) l
    where h.id = l.household_id and h.head_labourer_id is null`);
}

export async function existingRegionCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.select({ code: regions.code }).from(regions).where(inJsonList(regions.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** The county and every township and village in it, for name resolution. */
export async function regionsWithin(db: Executor, county: string): Promise<RegionRef[]> {
  return db.select({ code: regions.code, name: regions.name, shortName: regions.shortName, parentCode: regions.parentCode })
    .from(regions).where(like(regions.code, `${county}%`));
}
