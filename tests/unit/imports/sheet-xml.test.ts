import { describe, expect, it } from "vitest";
import {
  decodeXmlText,
  SharedStringsParser,
  type SheetRow,
  SheetRowParser,
} from "../../../src/modules/imports/read/sheet-xml";

const SHARED = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>身份证号</t></si><si><t xml:space="preserve"> 莫振华 </t></si>
<si><r><rPr><b/></rPr><t>洲塘</t></r><r><t>村</t></r></si>
<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si><si/><si><t>A&amp;B &lt;1&gt; &#x4E00;&#20108;</t></si></sst>`;

const SHEET = `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F6"/>
<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="9"/></cols>
<sheetData>
<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s" s="1"><v>1</v></c></row>
<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>450332199001011234</v></c><c r="C3"><v>45352.5</v></c><c r="D3" s="2"/><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c></row>
<row r="4"/>
<row r="5"><c r="A5" t="inlineStr"><is><t>行内&amp;文本</t></is></c><c r="B5" t="str"><f>A5&amp;"x"</f><v>行内&amp;文本x</v></c><c r="C5"><f>1+1</f><v>2</v></c><c r="D5" t="s"><v>3</v></c><c r="E5" t="s"><v>4</v></c><c r="F5" t="s"><v>5</v></c></row>
<row><c t="s"><v>1</v></c><c><v>7</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><rowBreaks count="1"><brk id="3"/></rowBreaks></worksheet>`;

function sharedStrings(pieces: string[]): string[] {
  const p = new SharedStringsParser();
  for (const s of pieces) p.push(s);
  return p.strings;
}

function sheetRows(shared: string[], pieces: string[]): SheetRow[] {
  const p = new SheetRowParser(shared);
  const rows = pieces.flatMap((s) => p.push(s));
  p.end();
  return rows;
}

const EXPECTED_SHARED = ["身份证号", " 莫振华 ", "洲塘村", "漢字", "", "A&B <1> 一二"];

const plain = (rows: SheetRow[]) =>
  rows.map((r) => [r.rowNumber, Array.from(r.values, (v) => (v === undefined ? "∅" : v))]);

const EXPECTED_ROWS = [
  [1, ["∅", "身份证号", "∅", " 莫振华 "]],
  [3, ["∅", "洲塘村", 450332199001011234, 45352.5, "∅", true, null]],
  [4, []],
  [5, ["∅", "行内&文本", "行内&文本x", 2, "漢字", "", "A&B <1> 一二"]],
  [6, ["∅", " 莫振华 ", 7]],
];

describe("XLSX parts read as text", () => {
  it("reads shared strings: rich-text runs joined, phonetic guides left out, entities decoded", () => {
    expect(sharedStrings([SHARED])).toEqual(EXPECTED_SHARED);
  });

  it("reads rows and typed cells; rows and cells without r follow the previous one", () => {
    expect(plain(sheetRows(EXPECTED_SHARED, [SHEET]))).toEqual(EXPECTED_ROWS);
  });

  it("gives the same answer wherever the text is cut", () => {
    for (let cut = 1; cut < SHARED.length; cut++) {
      expect(sharedStrings([SHARED.slice(0, cut), SHARED.slice(cut)]), `cut at ${cut}`).toEqual(
        EXPECTED_SHARED,
      );
    }
    for (let cut = 1; cut < SHEET.length; cut++) {
      expect(
        plain(sheetRows(EXPECTED_SHARED, [SHEET.slice(0, cut), SHEET.slice(cut)])),
        `cut at ${cut}`,
      ).toEqual(EXPECTED_ROWS);
    }
    const chars = [...SHEET];
    expect(plain(sheetRows(EXPECTED_SHARED, chars))).toEqual(EXPECTED_ROWS);
  });

  it("refuses a sheet that ends inside its rows", () => {
    const p = new SheetRowParser([]);
    p.push(SHEET.slice(0, SHEET.indexOf('<row r="5"')));
    expect(() => p.end()).toThrow(/sheetData/);
  });

  it("reads an empty sheet", () => {
    expect(sheetRows([], ["<worksheet><sheetData/></worksheet>"])).toEqual([]);
  });

  it("decodes the XML entities", () => {
    expect(decodeXmlText("&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;&unknown;")).toBe(
      "<>&\"'A😀&unknown;",
    );
  });
});
