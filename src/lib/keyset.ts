import { type AnyColumn, and, desc, or, type SQL, sql } from "drizzle-orm";
import { AppError } from "./errors";

/**
 * Keyset paging over (created_at desc, id desc), the one way every list pages.
 *
 * Cursors are opaque to clients: base64url of `<ISO time>|<uuid>`. Rows written by one statement
 * share created_at, so the time alone would skip or repeat rows at a page boundary; the id breaks
 * the tie. A cursor carries a JavaScript Date (milliseconds) while Postgres keeps microseconds, so
 * ordering and comparing use the value truncated to milliseconds.
 */
export interface Keyset {
  createdAt: Date;
  id: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "分页参数无效，请从第一页重新查询", { field: "cursor" });
}

export function encodeCursor(row: Keyset): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

/** The one checked decoder: anything that is not a cursor we wrote is a 400 on `cursor`, never a 500. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw badCursor();
  const [iso, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (extra !== undefined || !iso || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso))
    throw badCursor();
  const createdAt = new Date(iso);
  if (!id || !UUID_RE.test(id) || Number.isNaN(createdAt.getTime())) throw badCursor();
  return { createdAt, id };
}

/** Lists that page by the id of the last row (labourers, households): the same checked decoder for the id form. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  if (!UUID_RE.test(cursor)) throw badCursor();
  return cursor;
}

const ms = (col: AnyColumn | SQL) => sql`date_trunc('milliseconds', ${col})`;

/** `where` part: rows after the cursor in (created_at desc, id desc) order. */
export function afterKeyset(
  createdAt: AnyColumn | SQL,
  id: AnyColumn | SQL,
  after: Keyset | undefined,
): SQL | undefined {
  if (!after) return undefined;
  const at = after.createdAt.toISOString();
  return or(
    sql`${ms(createdAt)} < ${at}::timestamptz`,
    and(sql`${ms(createdAt)} = ${at}::timestamptz`, sql`${id} < ${after.id}`),
  );
}

/** `order by` part matching afterKeyset. */
export function keysetOrder(createdAt: AnyColumn | SQL, id: AnyColumn | SQL): SQL[] {
  return [desc(ms(createdAt)), desc(id)];
}

/** Fetch `limit + 1` rows, return `limit` and the cursor of the last one when there are more. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  key: (row: T) => Keyset = (r) => r as unknown as Keyset,
) {
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor: rows.length > limit ? encodeCursor(key(items[items.length - 1]!)) : null,
  };
}
