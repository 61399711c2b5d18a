import { AppError } from "./errors";

/**
 * Keyset paging over any sort key, for lists that may be sorted more than one way (the
 * monitoring warning lists, docs/MONITORING.md "Sorting"): rows are ordered by (key, id) in one
 * direction, the id breaking ties, and the cursor carries the sort it was written for, the last
 * row's key and its id. Keys are integers or region codes: always digits, compared in SQL as the
 * sort's own type. Opaque to clients: base64url of `<sort>|<key>|<uuid>`.
 */
export interface SortedKeyset {
  sort: string;
  key: string;
  id: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeSortedCursor(k: SortedKeyset): string {
  return Buffer.from(`${k.sort}|${k.key}|${k.id}`).toString("base64url");
}

/** A cursor written for this sort, or a 400 on `cursor` (never a 500, never another sort's cursor). */
export function decodeSortedCursor(
  cursor: string | undefined,
  sort: string,
): SortedKeyset | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const bad = () =>
    new AppError("VALIDATION_FAILED", "分页参数无效或与排序方式不一致，请从第一页重新查询", {
      field: "cursor",
    });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw bad();
  const [s, key, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (extra !== undefined || s !== sort || !key || !/^-?\d{1,19}$/.test(key)) throw bad();
  if (!id || !UUID_RE.test(id)) throw bad();
  return { sort, key, id };
}
