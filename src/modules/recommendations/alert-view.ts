import { RESOLUTION_LABELS, type ShortageAlert, stepLabel } from "./alerts";

/**
 * A shortage alert as the bureau reads it: the codes kept for programs, beside them Chinese
 * labels (place names, the relaxation steps) and one sentence saying why the person is short.
 */
export function toAlertView(a: ShortageAlert, names: Map<string, string>, labourerName?: string) {
  const placeNames = a.places.map((c) => names.get(c) ?? c);
  const stepsTriedLabels = a.stepsTried.map(stepLabel);
  return {
    id: a.id,
    labourerId: a.labourerId,
    ...(labourerName ? { labourerName } : {}),
    countyCode: a.countyCode,
    roundId: a.roundId,
    found: a.found,
    missing: a.missing,
    occupations: a.occupations,
    places: a.places,
    placeNames,
    stepsTried: a.stepsTried,
    stepsTriedLabels,
    heldBackBySpread: a.heldBackBySpread,
    rounds: a.rounds,
    summary: alertSummary(a, placeNames, stepsTriedLabels),
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null,
    resolution: a.resolution,
    resolutionLabel: a.resolution ? RESOLUTION_LABELS[a.resolution] : null,
    resolutionNote: a.resolutionNote,
    resolvedBy: a.resolvedBy,
  };
}

function alertSummary(a: ShortageAlert, placeNames: string[], steps: string[]): string {
  const where = placeNames.length
    ? `在${placeNames.slice(0, 4).join("、")}${placeNames.length > 4 ? "等地" : ""}`
    : "";
  const what = a.occupations.length
    ? `${a.occupations.slice(0, 4).join("、")}${a.occupations.length > 4 ? "等" : ""}工种`
    : "各工种";
  const parts = [`${where}${what}只找到 ${a.found} 个合适岗位，还差 ${a.missing} 个`];
  if (steps.length) parts.push(`已放宽：${steps.join(" → ")}`);
  if (a.heldBackBySpread > 0)
    parts.push(`另有 ${a.heldBackBySpread} 个岗位已推送给足够多的人，暂不再推`);
  if (a.rounds > 1) parts.push(`连续 ${a.rounds} 轮不足`);
  return parts.join("；") + "。";
}
