import type { Household } from "../households/repo";
import { checkLedgerRow, maskedId, type RowInput } from "./parse-row";
import type { PlanEnv } from "./plan";
import type { LedgerRow } from "./read/ledger";
import type { Outcome, RowRef, RowResult } from "./results";
import type { VillageIndex } from "./villages";

/**
 * Screening a chunk of ledger rows: row checks, in-file duplicates and village names — everything
 * decided without the registry (apply.ts then writes what passes).
 */

export interface ChunkEnv extends PlanEnv {
  /** Short county code: records and households outside it are never written. */
  county: string;
  villages: VillageIndex;
}

/** What one import remembers across chunks. */
export class ImportState {
  /** Normalised ID number → where it first appeared in the file. */
  readonly seen = new Map<string, RowRef>();
  /** Region code (ID-number county or province prefix) → whether `regions` has it. */
  readonly regionKnown = new Map<string, boolean>();
  readonly counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  /** 户编号 of the households the file leaves with their head still to be named (the 汇总 sheet). */
  readonly headMissing = new Set<string>();
}

export interface Pending {
  i: number;
  input: RowInput;
  hash: string;
  village?: string;
  household?: Household;
}

/** 第 N 行, naming the sheet only when it is not the current row's. */
const where = (r: RowRef, current: string | null) =>
  r.sheet && r.sheet !== current
    ? `工作表“${r.sheet}”第 ${r.rowNumber} 行`
    : `第 ${r.rowNumber} 行`;

export class ChunkResults {
  readonly list: RowResult[];
  constructor(
    private readonly rows: LedgerRow[],
    private readonly state: ImportState,
  ) {
    this.list = new Array(rows.length);
  }

  set(i: number, outcome: Outcome, reason: string, input?: { name?: string; id?: RowInput["id"] }) {
    const row = this.rows[i]!;
    const name = input?.name ?? "";
    this.list[i] = {
      sheet: row.sheet,
      rowNumber: row.rowNumber,
      outcome,
      reason,
      name,
      idMasked: maskedId(input?.id),
    };
    this.state.counts[outcome]++;
  }
}

/** Row-local checks, in-file duplicates and village names: everything decided without the registry. */
function screen(
  env: ChunkEnv,
  state: ImportState,
  rows: LedgerRow[],
  out: ChunkResults,
): Pending[] {
  const pending: Pending[] = [];
  rows.forEach((row, i) => {
    const check = checkLedgerRow(row, env.rule);
    const id = check.ok ? check.input.id : check.id;
    const name = check.ok ? check.input.name : check.name;
    if (id) {
      const first = state.seen.get(id.value);
      if (first)
        return out.set(i, "rejected", `与${where(first, row.sheet)}的身份证号重复`, { name, id });
      state.seen.set(id.value, { sheet: row.sheet, rowNumber: row.rowNumber });
    }
    if (!check.ok) return out.set(i, "rejected", check.reason, { name, id });
    const p: Pending = { i, input: check.input, hash: env.pii.hash("id", check.input.id.value) };
    if (check.input.villageText !== undefined) {
      const v = env.villages.resolve(check.input.villageText, check.input.townshipText);
      if (!v.ok) return out.set(i, "rejected", v.message, check.input);
      p.village = v.code;
    }
    pending.push(p);
  });
  return pending;
}

/** A chunk after the checks that need no database: what `applyChunk` then writes. */
export interface ScreenedChunk {
  out: ChunkResults;
  pending: Pending[];
}

/**
 * Row checks, in-file duplicates and village names for one chunk. Pure CPU work, run while the
 * previous chunk is being written (run.ts reads ahead); chunks must be screened in file order.
 */
export function screenChunk(env: ChunkEnv, state: ImportState, rows: LedgerRow[]): ScreenedChunk {
  const out = new ChunkResults(rows, state);
  return { out, pending: screen(env, state, rows, out) };
}
