import { type SQL, sql } from "drizzle-orm";

/**
 * How a warning list may be sorted (docs/MONITORING.md, "Sorting"). A sort is a key over the
 * list's row (alias `x`) and a direction; the id breaks ties in the same direction, so keyset
 * paging (src/lib/keyset-sorted.ts) returns every row exactly once in order. Keys are integers
 * or region codes (digits) or a time (carried as microseconds since the epoch); a missing number sorts as `nullAs` (never pushed: most urgent).
 */
export interface WarningSort {
  id: string;
  label: string;
  /** What rows are ordered and compared by (with x.id). */
  key: SQL;
  type: "bigint" | "text" | "time";
  dir: "asc" | "desc";
}

const days = (col: string, label: string): WarningSort => ({
  id: col,
  label,
  key: sql`coalesce(${sql.identifier("x")}.${sql.identifier(col)}, 1000000)::bigint`,
  type: "bigint",
  dir: "desc",
});

export const WARNING_SORTS: WarningSort[] = [
  // The registration time itself (not an expression of it), so a page can walk an index on
  // (created_at, id) and stop after `limit` rows; the cursor carries it in microseconds.
  {
    id: "newest",
    label: "登记时间（新的在前）",
    key: sql`x.created_at`,
    type: "time",
    dir: "desc",
  },
  { id: "oldest", label: "登记时间（早的在前）", key: sql`x.created_at`, type: "time", dir: "asc" },
  { id: "region", label: "按乡镇、村排列", key: sql`x.rc::text`, type: "text", dir: "asc" },
  days("days_since_push", "距上次推送天数（久的在前，未推送过的最前）"),
  days("days_since_contact", "距上次联系天数（久的在前，从未联系的最前）"),
  days("days_waiting", "等待天数（久的在前）"),
  days("days_since_pass", "培训合格后天数（久的在前）"),
  {
    id: "days_worked",
    label: "务工天数（少的在前）",
    key: sql`x.days_worked::bigint`,
    type: "bigint",
    dir: "asc",
  },
];

/** Every list can be sorted by these; a list adds its own in `WarningList.sorts`. */
export const COMMON_SORTS = ["newest", "oldest", "region"];
export const WARNING_SORT_IDS = WARNING_SORTS.map((s) => s.id) as [string, ...string[]];
export const WARNING_SORT_BY_ID = new Map(WARNING_SORTS.map((s) => [s.id, s]));
