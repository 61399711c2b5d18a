import type { Readable } from "node:stream";

/** A merged block, 1-based and inclusive, as in `<mergeCell ref="B3:B5"/>`. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetScan {
  merges: MergeRange[];
  /** Number of the last `<row>` in the sheet: the denominator of progress. */
  lastRow: number;
  /** Elements written with a namespace prefix (`<x:row>`, .NET OpenXML SDK): exceljs cannot read them. */
  prefixedRows: boolean;
}

const MERGE_RE = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"/g;
const ROW_RE = /<(\w+:)?row\s[^>]*?r="(\d+)"/g;

/** A1-style column letters to a 1-based column number: A → 1, Z → 26, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * One pass over a worksheet's XML collecting merged ranges and the last row number. Works on
 * latin1 text (tag names and cell refs are ASCII; cell text is never looked at), cutting each
 * chunk at its last `<` so no tag is split across chunks.
 */
export async function scanSheet(xml: Readable): Promise<SheetScan> {
  const merges: MergeRange[] = [];
  let lastRow = 0;
  let prefixedRows = false;
  let carry = "";
  const consume = (text: string) => {
    for (const m of text.matchAll(ROW_RE)) {
      lastRow = Math.max(lastRow, Number(m[2]));
      if (m[1]) prefixedRows = true;
    }
    if (!text.includes("mergeCell")) return;
    for (const m of text.matchAll(MERGE_RE)) {
      const [left, top] = [columnNumber(m[1]!), Number(m[2])];
      const [right, bottom] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [left, top];
      merges.push({
        top: Math.min(top, bottom),
        left: Math.min(left, right),
        bottom: Math.max(top, bottom),
        right: Math.max(left, right),
      });
    }
  };
  for await (const chunk of xml) {
    const text = carry + (chunk as Buffer).toString("latin1");
    const cut = text.lastIndexOf("<");
    consume(cut > 0 ? text.slice(0, cut) : "");
    carry = cut > 0 ? text.slice(cut) : text;
  }
  consume(carry);
  return { merges: merges.sort((a, b) => a.top - b.top || a.left - b.left), lastRow, prefixedRows };
}
