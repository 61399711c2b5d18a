import { type AnyColumn, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Many rows as ONE bind parameter: a JSON array of arrays, unpacked by Postgres into typed
 * columns. Drizzle's builder spent more time checking the ~35,000 bind parameters of a
 * 1,000-row multi-row INSERT than Postgres spent inserting (3.3 s of 25 s for 20,000 ledger
 * rows); arrays rather than objects keep column names out of the JSON (a third of its size).
 * `jsonb`, not `json`: `->>` on json re-parses the element's text for every column (measured
 * 1.0 s of a 1.9 s 5,000-row insert; 0.14 s with jsonb, parsed once).
 */

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface Recordset<K extends string> {
  /** `a, b, c`: the column list, in SQL names. */
  columns: SQL;
  /** `(select … from json_array_elements($1::json)) as x`, with x's columns named as `columns`. */
  from(rows: readonly Partial<Record<K, unknown>>[]): SQL;
  /** `a = excluded.a, …` for an ON CONFLICT DO UPDATE. */
  setExcluded(keys: readonly K[]): SQL;
}

/**
 * A recordset shaped like `keys` of `table` (SQL types, enums included, from the Drizzle schema),
 * plus `extra` fields that are no column (name → SQL type).
 */
export function recordset<
  T extends PgTable,
  K extends keyof T["_"]["columns"] & string,
  E extends string = never,
>(
  table: T,
  tableKeys: readonly K[],
  extra: Record<E, string> = {} as Record<E, string>,
): Recordset<K | E> {
  const cols = getTableColumns(table) as Record<string, { getSQLType(): string }>;
  const keys = [...tableKeys, ...(Object.keys(extra) as E[])] as (K | E)[];
  const names = keys.map(snake);
  const unpack = keys
    .map((k, i) => {
      const type = (extra as Record<string, string>)[k] ?? cols[k]!.getSQLType();
      // A JSON array becomes a Postgres array element by element; everything else is cast from its text.
      const value = type.endsWith("[]")
        ? `array(select jsonb_array_elements_text(r->${i}))::${type}`
        : `(r->>${i})::${type}`;
      return `${value} as ${names[i]}`;
    })
    .join(", ");
  return {
    columns: sql.raw(names.join(", ")),
    from(rows) {
      const json = JSON.stringify(rows.map((row) => keys.map((k) => row[k] ?? null)));
      return sql`(select ${sql.raw(unpack)} from jsonb_array_elements(${json}::jsonb) as r) as x`;
    },
    setExcluded(set) {
      return sql.raw(set.map((k) => `${snake(k)} = excluded.${snake(k)}`).join(", "));
    },
  };
}

/** `col in (…)` for many values as one parameter. */
export function inJsonList(column: AnyColumn, values: readonly string[]): SQL {
  const type = sql.raw(column.getSQLType());
  return sql`${column} in (select value::${type} from json_array_elements_text(${JSON.stringify(values)}::json))`;
}
