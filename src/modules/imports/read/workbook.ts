import { openZipEntry, type ZipEntry } from "./zip";

export interface SheetInfo {
  /** Tab name as the person sees it (台账, Sheet1 …). */
  name: string;
  /** Part name inside the ZIP, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  hidden: boolean;
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

async function entryText(path: string, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return "";
  const chunks: Buffer[] = [];
  for await (const c of await openZipEntry(path, entry)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The workbook's sheets in tab order with their names and parts, read from xl/workbook.xml and
 * its relationships (the streaming reader only knows sheets by part number).
 */
export async function workbookSheets(path: string, entries: Map<string, ZipEntry>): Promise<SheetInfo[]> {
  const book = await entryText(path, entries.get("xl/workbook.xml"));
  const rels = await entryText(path, entries.get("xl/_rels/workbook.xml.rels"));
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith("/") ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const sheets: SheetInfo[] = [];
  for (const m of book.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const a = attributes(m[0]);
    const rid = Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (a.name && part) sheets.push({ name: a.name, part: part.replace(/\/\.\//g, "/"), hidden: a.state === "hidden" || a.state === "veryHidden" });
  }
  return sheets;
}
