import { like, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households, labourers } from "../../../db/schema/labourers";
import { regions } from "../../../db/schema/regions";
import type { Household, NewHousehold } from "../households/repo";
import type { NewLabourer } from "../labourers/repo";
import {
  type Changes,
  IMPORTED_COLUMNS,
  type ImportedColumn,
  STORED_COLUMNS,
  type StoredLabourer,
} from "./plan";
import { inJsonList, recordset } from "./recordset";
import type { RegionRef } from "./villages";

/**
 * Set-based registry queries for the ledger import: one statement per chunk and table, where
 * the API's writes (labourers/write.ts) take several statements per person. Executor first;
 * every call runs inside the import's transaction.
 */

export async function lockHouseholdsByNo(db: Executor, nos: string[]): Promise<Household[]> {
  if (nos.length === 0) return [];
  return db.select().from(households).where(inJsonList(households.householdNo, nos)).for("update");
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const HOUSEHOLD_COLUMNS = [
  "householdNo",
  "villageCode",
  "headName",
  "resettlementSiteName",
  "createdAt",
  "updatedAt",
] as const;
const householdSet = recordset(households, HOUSEHOLD_COLUMNS);

/** Rows that lost a race to a concurrent registration of the same 户编号 are simply not returned. */
export async function insertHouseholds(db: Executor, rows: NewHousehold[]): Promise<Household[]> {
  if (rows.length === 0) return [];
  const inserted = await db.execute<Record<string, unknown>>(sql`
    insert into households (${householdSet.columns}) select ${householdSet.columns} from ${householdSet.from(rows)}
    on conflict (household_no) do nothing returning *`);
  return inserted.map(
    (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v])) as Household,
  );
}

const householdChangeSet = recordset(households, [
  "id",
  "headName",
  "resettlementSiteName",
  "updatedAt",
] as const);

export async function updateHouseholds(db: Executor, rows: Household[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update households h set head_name = x.head_name, resettlement_site_name = x.resettlement_site_name, updated_at = x.updated_at
    from ${householdChangeSet.from(rows)} where h.id = x.id`);
}

/** A new labourer: identity, then the ledger's columns. */
const CREATED = [
  "idNumberEnc",
  "idNumberHash",
  "idNumberMasked",
  "idNumberFlags",
  "sex",
  "birthDate",
  ...IMPORTED_COLUMNS,
  "createdAt",
  "updatedAt",
] as const;
const createdSet = recordset(labourers, CREATED);
const changedSet = recordset(labourers, ["id", ...IMPORTED_COLUMNS] as const, {
  changed: "text[]",
});

/** Each column written only where the row lists it in `changed`: nothing else on the record is touched. */
const changedColumns = sql.raw(
  IMPORTED_COLUMNS.map((c) => {
    const col = snake(c);
    return `${col} = case when '${c}' = any(x.changed) then x.${col} else l.${col} end`;
  }).join(", "),
);

/** Postgres reads a few MB of JSON per statement without trouble; this bounds one chunk's write. */
const WRITE_BATCH = 5_000;

/** Read for comparison, locked until the import commits. Never the ciphertexts. */
export async function lockLabourersByIdHash(
  db: Executor,
  hashes: string[],
): Promise<StoredLabourer[]> {
  if (hashes.length === 0) return [];
  const pick = Object.fromEntries(STORED_COLUMNS.map((c) => [c, labourers[c]])) as {
    [C in (typeof STORED_COLUMNS)[number]]: (typeof labourers)[C];
  };
  return db
    .select(pick)
    .from(labourers)
    .where(inJsonList(labourers.idNumberHash, hashes))
    .for("update");
}

/** New records. One that lost a race to a concurrent registration is missing from the result. */
export async function insertLabourers(
  db: Executor,
  rows: NewLabourer[],
): Promise<{ id: string; idNumberHash: string }[]> {
  const out: { id: string; idNumberHash: string }[] = [];
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const result = await db.execute<{ id: string; id_number_hash: string }>(sql`
      insert into labourers (${createdSet.columns}) select ${createdSet.columns} from ${createdSet.from(rows.slice(i, i + WRITE_BATCH))}
      on conflict (id_number_hash) do nothing returning id, id_number_hash`);
    for (const r of result) out.push({ id: r.id, idNumberHash: r.id_number_hash });
  }
  return out;
}

export interface LabourerUpdate {
  id: string;
  changes: Changes;
  changed: ImportedColumn[];
}

/**
 * Changes to stored records, one statement per batch; a record outside `countyPrefix` is never
 * written (missing from the result).
 */
export async function updateLabourers(
  db: Executor,
  updates: LabourerUpdate[],
  countyPrefix: string,
  now: Date,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    const rows = updates
      .slice(i, i + WRITE_BATCH)
      .map((u) => ({ ...u.changes, id: u.id, changed: u.changed }));
    const result = await db.execute<{ id: string }>(sql`
      update labourers l set ${changedColumns}, updated_at = ${now.toISOString()}::timestamptz
      from ${changedSet.from(rows)} where l.id = x.id and l.village_code like ${`${countyPrefix}%`} returning l.id`);
    for (const r of result) out.add(r.id);
  }
  return out;
}

/** The first member written as 户主 becomes the household's head, once (labourers/repo linkHouseholdHead). */
export async function linkHouseholdHeads(db: Executor, householdIds: string[]): Promise<void> {
  if (householdIds.length === 0) return;
  // Driven by the households (index lookups on labourers.household_id): a join from labourers
  // filtered on relation_to_head made Postgres scan every labourer, per chunk.
  await db.execute(sql`
    update households h set head_labourer_id = (
      select l.id from labourers l where l.household_id = h.id and l.relation_to_head = '户主' order by l.created_at, l.id limit 1)
    where h.id in (select value::uuid from json_array_elements_text(${JSON.stringify(householdIds)}::json))
      and h.head_labourer_id is null
      and exists (select 1 from labourers l where l.household_id = h.id and l.relation_to_head = '户主')`);
}

export async function existingRegionCodes(db: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: regions.code })
    .from(regions)
    .where(inJsonList(regions.code, codes));
  return new Set(rows.map((r) => r.code));
}

/** The county and every township and village in it, for name resolution. */
export async function regionsWithin(db: Executor, county: string): Promise<RegionRef[]> {
  return db
    .select({
      code: regions.code,
      name: regions.name,
      shortName: regions.shortName,
      parentCode: regions.parentCode,
    })
    .from(regions)
    .where(like(regions.code, `${county}%`));
}

/** One import per county at a time: a transaction-scoped advisory lock on the county's key. */
export async function lockCountyImports(db: Executor, countyCode: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${countyCode}`}))`);
}
