import type { Executor } from "../../../db/client";
import type { AsOf } from "./figure-sql";
import { DERIVED, FIGURES, type Figure } from "./figures";
import type { StatsRegion } from "./region-access";
import { childLength } from "./region-access";
import { aggregateFigure, childRegions, type FigureRow } from "./repo";

/** figure id → breakdown key → count ("" is the key of a figure without breakdown). */
export type Values = Record<string, Record<string, number>>;
export type Ratios = Record<string, number | null>;

export interface SummaryRow {
  code: string;
  name: string;
  values: Values;
  ratios: Ratios;
}

export interface Summary {
  region: StatsRegion;
  /** live: counted now; precomputed: read from stats_current (as of its last refresh). */
  source: "live" | "precomputed";
  asOf: string;
  day: string;
  figures: { id: string; label: string; keys: { key: string; label: string }[] }[];
  derived: typeof DERIVED;
  total: SummaryRow;
  children: SummaryRow[];
}

/** Sum of a figure over its keys. */
export const figureTotal = (v: Values, id: string) =>
  Object.values(v[id] ?? {}).reduce((a, b) => a + b, 0);

export function ratiosOf(v: Values): Ratios {
  const out: Ratios = {};
  for (const d of DERIVED) {
    const den = figureTotal(v, d.denominator);
    out[d.id] =
      den === 0 ? null : Math.round((figureTotal(v, d.numerator) / den) * 10_000) / 10_000;
  }
  return out;
}

function keysOf(f: Figure, rows: FigureRow[]) {
  if (!f.keys) {
    const seen = [...new Set(rows.map((r) => r.key))].sort();
    return (seen.length ? seen : [""]).map((key) => ({ key, label: key }));
  }
  const extra = [...new Set(rows.map((r) => r.key))].filter((k) => !(k in f.keys!));
  return [
    ...Object.entries(f.keys).map(([key, label]) => ({ key, label })),
    ...extra.map((key) => ({ key, label: key })),
  ];
}

/**
 * The figures of a region broken down by child region, counted as `p` says. A row for the region
 * itself ("本级") appears only when some counted thing is not placed in any child (a posting whose
 * place is recorded at county level only).
 */
export async function summaryAt(db: Executor, region: StatsRegion, p: AsOf): Promise<Summary> {
  const len = childLength(region.code);
  const [kids, results] = await Promise.all([
    len > region.code.length ? childRegions(db, region.code) : Promise.resolve([]),
    Promise.all(FIGURES.map((f) => aggregateFigure(db, f, p, len))),
  ]);
  return assembleSummary(region, p, kids, results);
}

/** The summary from each figure's rows by child region (live or precomputed: the same shape). */
export function assembleSummary(
  region: StatsRegion,
  p: Pick<AsOf, "asOf" | "day">,
  kids: { code: string; name: string }[],
  results: FigureRow[][],
  source: "live" | "precomputed" = "live",
): Summary {
  const byCode = new Map<string, Values>();
  const totals: Values = {};
  const children = kids.length ? kids : [{ code: region.code, name: region.name }];
  for (const c of children) byCode.set(c.code, {});
  FIGURES.forEach((f, i) => {
    totals[f.id] = {};
    for (const r of results[i]!) {
      const code = byCode.has(r.region) ? r.region : region.code;
      if (!byCode.has(code)) byCode.set(code, {});
      const v = byCode.get(code)!;
      v[f.id] ??= {};
      v[f.id]![r.key] = (v[f.id]![r.key] ?? 0) + r.value;
      totals[f.id]![r.key] = (totals[f.id]![r.key] ?? 0) + r.value;
    }
  });
  const named = new Map(children.map((c) => [c.code, c.name]));
  const rows: SummaryRow[] = [...byCode.entries()].map(([code, values]) => ({
    code,
    name: named.get(code) ?? `${region.name}本级（未落到下级区划）`,
    values,
    ratios: ratiosOf(values),
  }));
  return {
    region,
    source,
    asOf: p.asOf.toISOString(),
    day: p.day,
    figures: FIGURES.map((f, i) => ({ id: f.id, label: f.label, keys: keysOf(f, results[i]!) })),
    derived: DERIVED,
    total: { code: region.code, name: region.name, values: totals, ratios: ratiosOf(totals) },
    children: rows,
  };
}
