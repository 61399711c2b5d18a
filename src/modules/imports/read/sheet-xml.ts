import type { Cell } from "./cells";
import { columnNumber } from "./sheet-scan";

/**
 * The two parts of an XLSX a ledger's values live in, read as text without a general XML
 * parser: the shared-strings table and a worksheet's `<sheetData>`. Both are machine-written
 * (Excel, WPS, exceljs, the national system's exports) with a fixed vocabulary, so a scan for
 * `<si>`, `<row>` and `<c>` elements does what exceljs's SAX-based reader did at a fraction of
 * its cost (it built several objects per cell: ≈ 40 % of an import's CPU). Text arrives
 * already decoded across chunk ends (a `StringDecoder`, see xlsx.ts).
 *
 * Cell values as exceljs's streaming reader gave them with styles ignored: shared and inline
 * strings as text, numbers as numbers (dates as their Excel serial), booleans, a formula as
 * its cached result; an error value (#N/A) is no value.
 */

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(
    ENTITY,
    (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name]!;
      const code = dec ? Number(dec) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

const T_ELEMENT = /<t(?:\s[^>]*)?>([^<]*)<\/t>/g;
const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;

/** The text of an `<si>` or `<is>` body: its `<t>` elements, rich-text runs joined, phonetic guides (`<rPh>`) left out. */
function stringItemText(body: string): string {
  if (body.includes("<rPh")) body = body.replace(PHONETIC, "");
  let out = "";
  for (const m of body.matchAll(T_ELEMENT)) out += m[1]!;
  return decodeXmlText(out);
}

/** Collects `<si>` items from `xl/sharedStrings.xml`, fed as text in pieces. */
export class SharedStringsParser {
  readonly strings: string[] = [];
  private buf = "";

  push(text: string): void {
    const buf = this.buf + text;
    let at = 0;
    for (;;) {
      const open = buf.indexOf("<si", at);
      if (open < 0) {
        // Keep a tag that may be cut at the end (`<s`) for the next piece.
        at = Math.max(at, buf.lastIndexOf("<"));
        break;
      }
      const after = buf.charCodeAt(open + 3);
      // `<si>`, `<si/>` or `<si ...>` (never `<sic…`: there is no such element, but be exact).
      if (Number.isNaN(after)) {
        at = open;
        break;
      }
      if (
        after !== 62 /* > */ &&
        after !== 47 /* / */ &&
        after !== 32 &&
        after !== 9 &&
        after !== 10 &&
        after !== 13
      ) {
        at = open + 3;
        continue;
      }
      const tagEnd = buf.indexOf(">", open);
      if (tagEnd < 0) {
        at = open;
        break;
      }
      if (buf.charCodeAt(tagEnd - 1) === 47) {
        this.strings.push("");
        at = tagEnd + 1;
        continue;
      }
      const close = buf.indexOf("</si>", tagEnd);
      if (close < 0) {
        at = open;
        break;
      }
      this.strings.push(stringItemText(buf.slice(tagEnd + 1, close)));
      at = close + 5;
    }
    this.buf = buf.slice(at);
  }
}

export interface SheetRow {
  rowNumber: number;
  /** 1-based columns, as exceljs gave them; cells without a value are holes. */
  values: Cell[];
}

const CELL = /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g;
const V_ELEMENT = /<v(?:\s[^>]*)?>([^<]*)<\/v>/;
const IS_ELEMENT = /<is>([\s\S]*?)<\/is>/;

function attribute(tag: string, name: "r" | "t"): string | undefined {
  // ` r="B12"`, ` t="s"`: a space before the name keeps `r` from matching inside `cm="1"` or `ph="1"`.
  const at = tag.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  return tag.slice(start, tag.indexOf('"', start));
}

const refColumn = (ref: string) => {
  let end = 0;
  while (end < ref.length && ref.charCodeAt(end) >= 65 && ref.charCodeAt(end) <= 90) end++;
  return end > 0 ? columnNumber(ref.slice(0, end)) : 0;
};

function number(text: string): Cell {
  const n = parseFloat(text);
  return Number.isNaN(n) ? null : n;
}

/**
 * Turns `<sheetData>` into rows, fed as text in pieces. Rows and cells without an `r`
 * attribute (allowed, and written by some exporters) follow the previous one.
 */
export class SheetRowParser {
  private buf = "";
  private lastRow = 0;
  private done = false;
  private started = false;

  constructor(private readonly shared: readonly string[]) {}

  /** The complete rows in `text` (and what was held back from the previous piece). */
  push(text: string): SheetRow[] {
    const out: SheetRow[] = [];
    if (this.done) return out;
    const buf = this.buf + text;
    let at = 0;
    if (!this.started) {
      const data = buf.indexOf("<sheetData");
      if (data < 0) {
        this.buf = buf.slice(Math.max(0, buf.length - 16));
        return out;
      }
      const tagEnd = buf.indexOf(">", data);
      if (tagEnd < 0) {
        this.buf = buf.slice(data);
        return out;
      }
      this.started = true;
      if (buf.charCodeAt(tagEnd - 1) === 47) {
        this.done = true;
        this.buf = "";
        return out;
      }
      at = tagEnd + 1;
    }
    for (;;) {
      const open = buf.indexOf("<", at);
      if (open < 0) {
        at = buf.length;
        break;
      }
      if (buf.startsWith("</sheetData>", open)) {
        this.done = true;
        at = buf.length;
        break;
      }
      if (buf.length < open + 12) {
        at = open;
        break;
      }
      const isRow = buf.startsWith("<row", open) && " \t\r\n/>".includes(buf[open + 4]!);
      const tagEnd = buf.indexOf(">", open);
      if (tagEnd < 0) {
        at = open;
        break;
      }
      if (!isRow) {
        at = tagEnd + 1;
        continue;
      }
      const tag = buf.slice(open, tagEnd);
      const r = attribute(tag, "r");
      const rowNumber = r ? Number(r) : this.lastRow + 1;
      if (buf.charCodeAt(tagEnd - 1) === 47) {
        out.push({ rowNumber, values: [] });
        this.lastRow = rowNumber;
        at = tagEnd + 1;
        continue;
      }
      const close = buf.indexOf("</row>", tagEnd);
      if (close < 0) {
        at = open;
        break;
      }
      out.push({ rowNumber, values: this.cells(buf.slice(tagEnd + 1, close)) });
      this.lastRow = rowNumber;
      at = close + 6;
    }
    this.buf = buf.slice(at);
    return out;
  }

  /** Throws when the sheet ended inside `<sheetData>`: a damaged or truncated part. */
  end(): void {
    if (!this.done)
      throw new Error(
        this.started ? "worksheet XML ends inside <sheetData>" : "worksheet XML has no <sheetData>",
      );
  }

  private cells(body: string): Cell[] {
    const values: Cell[] = [];
    let col = 0;
    for (const m of body.matchAll(CELL)) {
      const attrs = m[1]!;
      const ref = attribute(attrs, "r");
      col = ref ? refColumn(ref) || col + 1 : col + 1;
      if (m[2] === "/>") continue;
      const inner = m[3]!;
      const type = attribute(attrs, "t");
      if (type === "inlineStr") {
        const is = IS_ELEMENT.exec(inner);
        if (is) values[col] = stringItemText(is[1]!);
        continue;
      }
      const v = V_ELEMENT.exec(inner);
      if (!v) continue;
      const text = v[1]!;
      switch (type) {
        case "s": {
          const s = this.shared[Number(text)];
          values[col] = s === undefined ? null : s;
          break;
        }
        case "str":
          values[col] = decodeXmlText(text);
          break;
        case "b":
          values[col] = text === "1" || text.toLowerCase() === "true";
          break;
        case "e":
          values[col] = null;
          break;
        case "d": {
          const d = new Date(text);
          values[col] = Number.isNaN(d.getTime()) ? decodeXmlText(text) : d;
          break;
        }
        default:
          values[col] = number(text);
      }
    }
    return values;
  }
}
