import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { decodeCursor, type Keyset, pageOf } from "../../lib/keyset";
import { maskName } from "../recommendations/suggest";
import { KEY_LABELS } from "./labels";
import { resolveStatsRegion, type StatsRegion } from "./region-access";
import { regionNames, warningRows } from "./repo";
import { type ListParams, WARNING_LIST_BY_ID, type WarningList } from "./warning-lists";

export interface WarningInput {
  list: string;
  region?: string;
  cursor?: string;
  limit: number;
  days: number;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const label = (map: Record<string, string>, v: unknown) =>
  typeof v === "string" ? (map[v] ?? v) : null;

/** A warning-list row as staff read it: masked identity, place names, labels, what to do next. */
export function toWarningView(
  list: WarningList,
  r: Row,
  names: Map<string, string>,
  p: ListParams,
) {
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
    labourerId:
      list.subject === "labourer"
        ? String(r.id)
        : list.subject === "alert"
          ? str(r.labourer_id)
          : null,
    householdId: list.subject === "household" ? String(r.id) : null,
    name: rawName ? maskName(rawName) : list.subject === "household" ? "（户主待补录）" : "",
    idNumberMasked: str(r.id_number_masked),
    phoneMasked: str(r.phone_masked),
    villageCode: rc,
    villageName: names.get(rc) ?? rc,
    townshipName: rc.length >= 9 ? (names.get(rc.slice(0, 9)) ?? null) : null,
    personType: label(KEY_LABELS.personType, r.person_type),
    labourCapacity: label(KEY_LABELS.labourCapacity, r.labour_capacity),
    workIntention:
      r.work_intention === "none" ? "无" : label(KEY_LABELS.workIntention, r.work_intention),
    details,
    nextStep: list.nextStep(r, p),
  };
}

export type WarningView = ReturnType<typeof toWarningView>;

/** The list, the region and the params it is counted with (as of now). */
export async function warningContext(ctx: Ctx, input: Omit<WarningInput, "cursor" | "limit">) {
  const list = WARNING_LIST_BY_ID.get(input.list)!;
  const region: StatsRegion = await resolveStatsRegion(ctx, input.region);
  const now = ctx.now();
  const p: ListParams = { prefix: region.code, asOf: now, day: chinaDate(now), days: input.days };
  return { list, region, p };
}

/** Rows after `after` and their views: shared by the page and the streamed export. */
export async function warningBatch(
  ctx: Ctx,
  w: Awaited<ReturnType<typeof warningContext>>,
  after: Keyset | undefined,
  n: number,
) {
  const rows = await warningRows(ctx.db, w.list.source(w.p), after, n);
  const codes = rows.flatMap((r) => {
    const rc = String(r.rc);
    return rc.length >= 9 ? [rc, rc.slice(0, 9)] : [rc];
  });
  const names = await regionNames(ctx.db, codes);
  return rows.map((r) => toWarningView(w.list, r, names, w.p));
}

/** One page of a warning list in the caller's region, newest registrations first. */
export async function warningPage(ctx: Ctx, input: WarningInput) {
  const w = await warningContext(ctx, input);
  const views = await warningBatch(ctx, w, decodeCursor(input.cursor), input.limit + 1);
  const page = pageOf(views, input.limit, (v) => ({ createdAt: new Date(v.createdAt), id: v.id }));
  return {
    list: { id: w.list.id, label: w.list.label, details: w.list.details },
    region: w.region,
    ...page,
  };
}
