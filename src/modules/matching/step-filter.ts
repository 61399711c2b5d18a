/**
 * Turns a ladder rung into a Meilisearch filter expression. Pure string building: the jobs index
 * must declare the named attributes filterable. The open/verified condition is the caller's
 * (prepend it with AND). Everything here is re-checked by `jobFitsStep`, so a coarser filter
 * (say, leaving out occupations) only costs bandwidth, never correctness.
 */
import { ENTRY_LEVEL_CHANNELS, ENTRY_LEVEL_OCCUPATIONS } from "./entry-level";
import type { LadderStep } from "./ladder";

export interface FilterFields {
  channel: string;
  /** Array attribute holding the workplace's region ancestry (and the gd_gx destination city). */
  regionCodes: string;
  /** Day-equivalent of the top of the range in fen; absent for piece rates. */
  wageTopDayFen: string;
  occupation: string;
  ageMin: string;
  ageMax: string;
  requiredBrandCodes: string;
  physicalDemand: string;
}

export const DEFAULT_FILTER_FIELDS: FilterFields = {
  channel: "channel",
  regionCodes: "regionCodes",
  wageTopDayFen: "wageTopDayFen",
  occupation: "occupation",
  ageMin: "ageMin",
  ageMax: "ageMax",
  requiredBrandCodes: "certificates",
  physicalDemand: "physicalDemand",
};

/** A Meilisearch filter list of quoted strings: `["a", "b"]`. */
export const filterList = (values: readonly string[]) =>
  `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;

export function stepFilter(step: LadderStep, f: FilterFields = DEFAULT_FILTER_FIELDS): string {
  const scopes = step.scopes
    .map(
      (s) =>
        `(${f.channel} IN ${filterList(s.channels)} AND ${f.regionCodes} IN ${filterList(s.regionCodes)})`,
    )
    .join(" OR ");
  const parts = [`(${scopes || `${f.channel} IN []`})`];
  // Written with NOT: `NOT x < v` also keeps postings without the field (piece rates, no age
  // range), like `x NOT EXISTS OR x IS NULL OR x >= v`, and cost Meilisearch ≈ 10 % less per rung
  // query on the 500k benchmark index (docs/MATCHING.md §8).
  if (step.wageFloorDayFen !== null) parts.push(`NOT ${f.wageTopDayFen} < ${step.wageFloorDayFen}`);
  if (step.occupations) {
    // The person's own occupations, entry-level work, and the channels that are entry-level whatever they name.
    const names = [...new Set([...step.occupations, ...ENTRY_LEVEL_OCCUPATIONS])].sort();
    parts.push(
      `(${f.occupation} IN ${filterList(names)} OR ${f.channel} IN ${filterList(ENTRY_LEVEL_CHANNELS)})`,
    );
  }
  // NOT = keeps documents indexed before the field existed (they count as "normal").
  if (!step.heavyWork) parts.push(`NOT ${f.physicalDemand} = "heavy"`);
  if (step.age !== null) {
    parts.push(`NOT ${f.ageMin} > ${step.age}`, `NOT ${f.ageMax} < ${step.age}`);
  }
  const brands = step.heldBrandCodes.length
    ? ` OR ${f.requiredBrandCodes} IN ${filterList(step.heldBrandCodes)}`
    : "";
  parts.push(`(${f.requiredBrandCodes} IS EMPTY OR ${f.requiredBrandCodes} NOT EXISTS${brands})`);
  return parts.join(" AND ");
}
