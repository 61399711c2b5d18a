import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeSortedCursor, encodeSortedCursor, type SortedKeyset } from "../../lib/keyset-sorted";
import { maskName } from "../recommendations/suggest";
import { KEY_LABELS } from "./labels";
import { resolveStatsRegion, type StatsRegion } from "./region-access";
import { warningRows } from "./repo";
import { type ListParams, WARNING_LIST_BY_ID, type WarningList } from "./warning-lists";
import { COMMON_SORTS, WARNING_SORT_BY_ID } from "./warning-sorts";

export interface WarningInput {
  list: string;
  region?: string;
  cursor?: string;
  limit: number;
  days: number;
  sort?: string;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const label = (map: Record<string, string>, v: unknown) =>
  typeof v === "string" ? (map[v] ?? v) : null;

/** A warning-list row as staff read it: masked identity, place names, labels, what to do next. */
export function toWarningView(list: WarningList, r: Row, p: ListParams) {
  const rc = String(r.rc);
  const details: Record<string, string | number | null> = {};
  for (const d of list.details) {
    const v = r[d.key];
    details[d.key] = typeof v === "number" ? v : str(v);
  }
  const rawName = str(r.name);
  return {
    id: String(r.id),
    createdAt: new Date(Number(r.created_ms)).toISOString(),
    subject: list.subject,
    labourerId: list.subject === "labourer" ? String(r.id) : str(r.labourer_id),
    householdId: list.subject === "household" ? String(r.id) : null,
    name: rawName ? maskName(rawName) : list.subject === "household" ? "（户主待补录）" : "",
    idNumberMasked: str(r.id_number_masked),
    phoneMasked: str(r.phone_masked),
    villageCode: rc,
    villageName: str(r.village_name) ?? rc,
    townshipName: str(r.township_name),
    personType: label(KEY_LABELS.personType, r.person_type),
    labourCapacity: label(KEY_LABELS.labourCapacity, r.labour_capacity),
    workIntention:
      r.work_intention === "none" ? "无" : label(KEY_LABELS.workIntention, r.work_intention),
    details,
    nextStep: list.nextStep(r, p),
    /** The row's sort key (for the next cursor; not part of the API view). */
    sortKey: String(r.sort_key),
  };
}

export type WarningView = ReturnType<typeof toWarningView>;

/** The sorts a list offers, by id. */
export const sortsOf = (list: WarningList) => [...COMMON_SORTS, ...(list.sorts ?? [])];

/** The list, the region, the sort and the params it is counted with (as of now). */
export async function warningContext(ctx: Ctx, input: Omit<WarningInput, "cursor" | "limit">) {
  const list = WARNING_LIST_BY_ID.get(input.list)!;
  const allowed = sortsOf(list);
  const sortId = input.sort ?? "newest";
  if (!allowed.includes(sortId))
    throw new AppError(
      "VALIDATION_FAILED",
      `该名单不能按此方式排序，可选：${allowed.map((id) => WARNING_SORT_BY_ID.get(id)!.label).join("；")}`,
      { field: "sort" },
    );
  const region: StatsRegion = await resolveStatsRegion(ctx, input.region);
  const now = ctx.now();
  const p: ListParams = { prefix: region.code, asOf: now, day: chinaDate(now), days: input.days };
  return { list, region, p, sort: WARNING_SORT_BY_ID.get(sortId)! };
}

type WarningCtx = Awaited<ReturnType<typeof warningContext>>;

/** Rows after `after` in the context's sort, and their views: shared by the page and the streamed export. */
export async function warningBatch(
  ctx: Ctx,
  w: WarningCtx,
  after: SortedKeyset | undefined,
  n: number,
) {
  const rows = await warningRows(ctx.readDb, w.list.source(w.p), w.sort, after, n);
  return rows.map((r) => toWarningView(w.list, r, w.p));
}

/** The keyset of a row in the context's sort. */
export const keyOf = (w: WarningCtx, v: WarningView): SortedKeyset => ({
  sort: w.sort.id,
  key: v.sortKey,
  id: v.id,
});

/** One page of a warning list in the caller's region, in the asked sort (newest registrations first by default). */
export async function warningPage(ctx: Ctx, input: WarningInput) {
  const w = await warningContext(ctx, input);
  const after = decodeSortedCursor(input.cursor, w.sort.id);
  const rows = await warningBatch(ctx, w, after, input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return {
    list: {
      id: w.list.id,
      label: w.list.label,
      details: w.list.details,
      sorts: sortsOf(w.list).map((id) => ({ id, label: WARNING_SORT_BY_ID.get(id)!.label })),
    },
    region: w.region,
    sort: w.sort.id,
    items: items.map(({ sortKey: _, ...v }) => v),
    nextCursor: rows.length > input.limit && last ? encodeSortedCursor(keyOf(w, last)) : null,
  };
}
