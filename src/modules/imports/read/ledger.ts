import { type Cell, isBlank } from "./cells";
import {
  detectHeader,
  fieldOfHeader,
  HEADER_SEARCH_ROWS,
  type HeaderMapping,
  LEDGER_FIELDS,
  type LedgerField,
} from "./header";
import { openRowSource, type RawRow, type RowSource } from "./source";
import { fileUnreadable } from "./unreadable";

/** A data row with its cells keyed by ledger field (absent: the file has no such column). */
export interface LedgerRow {
  sheet: string | null;
  rowNumber: number;
  cells: Partial<Record<LedgerField, Cell>>;
}

export interface SheetHeader {
  sheet: string | null;
  rowNumber: number;
  fields: LedgerField[];
  /** Header texts no field claimed (序号, 备注 …): shown to the person so a typo is noticed. */
  ignored: string[];
}

export interface Ledger {
  format: RowSource["format"];
  encoding: string | null;
  /** Filled as sheets are read: one per sheet that had a header. */
  headers: SheetHeader[];
  /** Visible sheets without a header in their first rows (instructions, option lists). */
  skippedSheets: string[];
  rows: AsyncIterable<LedgerRow>;
  progress(): number;
  close(): void;
}

function toLedgerRow(raw: RawRow, mapping: HeaderMapping): LedgerRow | undefined {
  const cells: Partial<Record<LedgerField, Cell>> = {};
  let any = false;
  for (const field of LEDGER_FIELDS) {
    const col = mapping.columns[field];
    if (col === undefined) continue;
    const v = raw.values[col] ?? null;
    cells[field] = v;
    if (!isBlank(v)) any = true;
  }
  if (!any) return undefined;
  // A header repeated further down (printed page by page, or two tables pasted together).
  const id = cells.idNumber;
  if (typeof id === "string" && fieldOfHeader(id) === "idNumber") return undefined;
  return { sheet: raw.sheet, rowNumber: raw.rowNumber, cells };
}

const rowIsBlank = (r: RawRow) =>
  r.values.every((v) => v === null || v === undefined || isBlank(v));

/**
 * Reads a ledger file: finds each sheet's header row among its first non-blank rows (title
 * lines above it are skipped), then yields the data rows below it with cells keyed by field.
 * A file in which no sheet has a header is unreadable as a whole.
 */
export async function openLedger(path: string): Promise<Ledger> {
  const source = await openRowSource(path);
  const headers: SheetHeader[] = [];
  const skippedSheets: string[] = [];

  const accept = (sheet: string | null, mapping: HeaderMapping) =>
    headers.push({
      sheet,
      rowNumber: mapping.rowNumber,
      fields: Object.keys(mapping.columns) as LedgerField[],
      ignored: mapping.ignored,
    });

  async function* rows(): AsyncGenerator<LedgerRow> {
    let sheet: string | null | undefined;
    let pending: RawRow[] = [];
    let mapping: HeaderMapping | undefined;
    let skipping = false;
    const settle = function* (): Generator<LedgerRow> {
      mapping = detectHeader(pending);
      if (!mapping) {
        if (sheet !== undefined && pending.length > 0) skippedSheets.push(sheet ?? "CSV");
        skipping = true;
        return;
      }
      accept(sheet ?? null, mapping);
      for (const r of pending) {
        const row = r.rowNumber > mapping.rowNumber ? toLedgerRow(r, mapping) : undefined;
        if (row) yield row;
      }
    };
    for await (const raw of source.rows) {
      if (raw.sheet !== sheet) {
        if (!mapping && !skipping && pending.length > 0) yield* settle();
        sheet = raw.sheet;
        pending = [];
        mapping = undefined;
        skipping = false;
      }
      if (skipping) continue;
      if (mapping) {
        const row = toLedgerRow(raw, mapping);
        if (row) yield row;
        continue;
      }
      if (rowIsBlank(raw)) continue;
      pending.push(raw);
      if (pending.length >= HEADER_SEARCH_ROWS) yield* settle();
    }
    if (!mapping && !skipping && pending.length > 0) yield* settle();
    if (headers.length === 0) {
      throw fileUnreadable(
        `未找到表头：前 ${HEADER_SEARCH_ROWS} 行中没有“身份证号”（或公民身份号码、证件号码）等列名`,
        `no header row naming the ID number column within the first ${HEADER_SEARCH_ROWS} rows`,
      );
    }
  }

  return {
    format: source.format,
    encoding: source.encoding,
    headers,
    skippedSheets,
    rows: rows(),
    progress: () => source.progress(),
    close: () => source.close(),
  };
}
