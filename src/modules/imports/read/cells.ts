import { stripControlChars } from "../../../lib/input-guard";

/**
 * A spreadsheet cell reduced to what the ledger needs. XLSX cells keep their type (a number
 * typed as a number stays a number, which matters for ID numbers Excel has already rounded);
 * CSV cells are always strings.
 */
export type Cell = string | number | boolean | Date | null;

/** exceljs cell values (rich text, formulas, hyperlinks, shared-string refs, errors) to a Cell. */
export function fromExcelValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date)
    return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return fromExcelValue(o.result);
    if (typeof o.text === "string") return o.text;
    if ("error" in o) return null;
  }
  return null;
}

/** The text a person sees, trimmed; numbers without exponent or float noise where Excel kept them exact. */
export function cellText(c: Cell): string {
  if (c === null) return "";
  // Control characters (a NUL from a broken export, a bell from a copy-paste) are never data and
  // Postgres text cannot hold a NUL: dropped before anything else reads the cell.
  if (typeof c === "string")
    return stripControlChars(c).replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/g, "");
  if (typeof c === "number") return Number.isInteger(c) ? c.toFixed(0) : String(c);
  if (typeof c === "boolean") return c ? "是" : "否";
  return isoDate(c);
}

export function isBlank(c: Cell): boolean {
  return cellText(c) === "";
}

/**
 * Excel shows an 18-digit number as 4.50332E+17 and keeps only 15 significant digits, so the
 * last three digits of an ID number typed into a numeric cell are gone for good: we detect it,
 * never guess. Both the numeric cell and its CSV rendering ("4.50332E+17") are caught.
 */
export function isScientificIdNumber(c: Cell): boolean {
  if (typeof c === "number") return c >= 1e16;
  if (typeof c === "string") return /^\s*\d(\.\d+)?[eE]\+?\d{1,2}\s*$/.test(c);
  return false;
}

// Excel's day 0 is 1899-12-30 once its 1900 leap-year bug (serial 60) is accounted for.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function validYmd(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
    return undefined;
  return isoDate(dt);
}

/**
 * A date cell as YYYY-MM-DD: a Date, an Excel serial (1900 date system; 61 … 2958465), or text
 * as people type it: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, 2024年3月 (→ the 1st).
 * Returns undefined when the cell holds no recognisable date.
 */
export function cellDate(c: Cell): string | undefined {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? undefined : isoDate(c);
  if (typeof c === "number") {
    if (!Number.isFinite(c) || c < 61 || c > 2_958_465) return undefined;
    return isoDate(new Date(EXCEL_EPOCH_MS + Math.floor(c) * MS_PER_DAY));
  }
  const s = cellText(c);
  if (!s) return undefined;
  let m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(s)) return cellDate(Number(s));
  return undefined;
}
