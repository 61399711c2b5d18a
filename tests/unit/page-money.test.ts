import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { fenToYuan, yuanToFen } from "../../src/lib/money";

/** The pages' copy of the money rules (src/web/static/money.js) answers as src/lib/money.ts does. */
const source = readFileSync(
  path.resolve(import.meta.dirname, "../../src/web/static/money.js"),
  "utf8",
);
const window: {
  GTMoney?: {
    yuanToFen(t: string): number | null;
    fenToYuan(f: number): string;
    yuanText(f: number): string;
  };
} = {};
runInNewContext(source, { window });
const page = window.GTMoney!;

describe("GTMoney (pages) = src/lib/money.ts", () => {
  it("reads typed yuan into integer fen exactly, refusing what the server refuses", () => {
    const inputs = [
      "286.5",
      "286.50",
      "0.29",
      "1.005",
      "0.1",
      "1,234.56",
      "¥300",
      "300元",
      " 4 500 ",
      "-5",
      "1e3",
      "abc",
      "",
      "12.",
      ".5",
      "999999999999.99",
    ];
    for (const text of inputs) expect(page.yuanToFen(text), text).toBe(yuanToFen(text) ?? null);
    expect(page.yuanToFen("286.5")).toBe(28_650);
    expect(page.yuanToFen("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in a float
  });

  it("writes fen as yuan text", () => {
    for (const fen of [0, 5, 29, 28_650, 60_000, 123_456_789])
      expect(page.fenToYuan(fen)).toBe(fenToYuan(fen));
    expect(page.yuanText(60_000)).toBe("600 元");
    expect(page.yuanText(28_650)).toBe("286.50 元");
  });
});
