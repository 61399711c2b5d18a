import { AppError } from "../../lib/errors";

/**
 * Keyset cursors over (createdAt desc, id desc), opaque to clients: base64url of
 * `<ISO time>|<uuid>`. A cursor that does not decode is a 400 on `cursor`, never a 500.
 */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError("VALIDATION_FAILED", "分页参数无效，请从第一页重新查询", { field: "cursor" });
  }
  return { createdAt, id };
}

/** Fetch `limit + 1` rows, return `limit` and the cursor of the last one when there are more. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]!) : null };
}
