import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectDelimiter, detectEncoding } from "../../../src/modules/imports/read/csv";

const text = "姓名,身份证号,所在村\n莫振华,450332198001010011,洲塘村\n";

describe("CSV encoding detection", () => {
  it("takes a UTF-8 BOM as UTF-8", () => {
    expect(
      detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), true),
    ).toBe("utf-8");
  });

  it("takes valid UTF-8 without a BOM as UTF-8", () => {
    expect(detectEncoding(Buffer.from(text), true)).toBe("utf-8");
  });

  it("takes anything else as GB18030 (GBK from Excel or WPS on Chinese Windows)", () => {
    expect(detectEncoding(iconv.encode(text, "gbk"), true)).toBe("gb18030");
  });

  it("does not mistake a UTF-8 sample cut inside a character for GBK", () => {
    const buf = Buffer.from(text.repeat(10));
    const cut = buf.subarray(0, buf.indexOf(Buffer.from("振")) + 1);
    expect(detectEncoding(cut, false)).toBe("utf-8");
  });

  it("recognises UTF-16 with a BOM", () => {
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x1a, 0x59]), true)).toBe("utf-16le");
  });

  it("finds the delimiter", () => {
    expect(detectDelimiter(text)).toBe(",");
    expect(detectDelimiter("标题\n姓名\t身份证号\t所在村\n")).toBe("\t");
    expect(detectDelimiter("只有一列")).toBe(",");
  });
});
