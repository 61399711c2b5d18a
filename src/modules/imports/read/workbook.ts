import { openZipEntry, type ZipEntry } from "./zip";

export interface SheetInfo {
  /** Tab name as the person sees it (台账, Sheet1 …). */
  name: string;
  /** Part name inside the ZIP, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  hidden: boolean;
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

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

export interface WorkbookParts {
  sheets: SheetInfo[];
  /** Part name of the shared-strings table, when the workbook has one (xl/sharedStrings.xml). */
  sharedStrings: string | undefined;
}

/**
 * The workbook's sheets in tab order with their names and parts, and its shared-strings part,
 * read from xl/workbook.xml and its relationships.
 */
export async function workbookParts(
  path: string,
  entries: Map<string, ZipEntry>,
): Promise<WorkbookParts> {
  const book = await entryText(path, entries.get("xl/workbook.xml"));
  const rels = await entryText(path, entries.get("xl/_rels/workbook.xml.rels"));
  const targets = new Map<string, string>();
  let sharedStrings: string | undefined;
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const a = attributes(m[0]);
    if (!a.Id || !a.Target) continue;
    const part = (a.Target.startsWith("/") ? a.Target.slice(1) : `xl/${a.Target}`).replace(
      /\/\.\//g,
      "/",
    );
    targets.set(a.Id, part);
    if (a.Type?.endsWith("/sharedStrings")) sharedStrings = part;
  }
  const sheets: SheetInfo[] = [];
  for (const m of book.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const a = attributes(m[0]);
    const rid = Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (a.name && part)
      sheets.push({ name: a.name, part, hidden: a.state === "hidden" || a.state === "veryHidden" });
  }
  if (sharedStrings === undefined && entries.has("xl/sharedStrings.xml"))
    sharedStrings = "xl/sharedStrings.xml";
  return {
    sheets,
    sharedStrings: sharedStrings && entries.has(sharedStrings) ? sharedStrings : undefined,
  };
}
