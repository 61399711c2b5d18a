import { describe, expect, it } from "vitest";
import { checkWorkingAge, idCheckChar, parseIdNumber } from "../../../src/lib/id-number";
import { ImportDay, importDay } from "../../../src/modules/imports/id-check";

const NOW = new Date("2025-06-01T03:00:00Z");
const RULE = { now: NOW, min: 16, max: 65 };
const id = (first17: string) => first17 + idCheckChar(first17);

// Deterministic variety: valid numbers around every boundary the library checks, and broken ones.
function samples(): string[] {
  const out: string[] = [];
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  for (const county of ["450332", "450305", "452101", "110101", "990101", "000000", "810000", "830000"]) {
    for (const y of [1899, 1900, 1959, 1960, 1990, 2009, 2010, 2025, 2026]) {
      for (const [m, d] of [[1, 1], [2, 28], [2, 29], [2, 30], [4, 31], [6, 1], [6, 2], [12, 31], [13, 1], [0, 5], [5, 0]] as const) {
        const first17 = `${county}${y}${pad(m, 2)}${pad(d, 2)}${pad(rand(1000), 3)}`;
        const good = id(first17);
        out.push(good, good.toLowerCase(), ` ${good} `, `${first17}${good[17] === "0" ? "1" : "0"}`);
      }
    }
  }
  out.push("", "   ", "45033219900101001", "4503321990010100123", "45033219900101001Y", "4503321990010100X1", "450332900101001",
    "450332900229001", "４５０３３２１９９００１０１００１" + idCheckChar("45033219900101001"), "4.50332E+17", "45033219900101001x");
  return out;
}

describe("the import's ID-number checks", () => {
  it("give the library's answer for every number", () => {
    const day = new ImportDay(RULE);
    for (const s of samples()) expect(day.parseIdNumber(s), s).toEqual(parseIdNumber(s, { now: NOW }));
  });

  it("give the library's working-age answer for every birth date, also when asked again", () => {
    const births = ["1959-06-01", "1959-06-02", "1960-06-01", "2009-06-01", "2009-06-02", "2008-02-29", "1990-01-01"];
    for (let t = Date.UTC(1950, 0, 1); t < Date.UTC(2015, 0, 1); t += 13 * 86_400_000) births.push(new Date(t).toISOString().slice(0, 10));
    for (const now of [NOW, new Date("2028-02-28T17:00:00Z"), new Date("2025-12-31T15:59:00Z")]) {
      const rule = { ...RULE, now };
      const day = new ImportDay(rule);
      for (const birth of births) expect(day.checkWorkingAge(birth), birth).toEqual(checkWorkingAge(birth, rule));
    }
  });

  it("use today's China date, and one instance per rule", () => {
    expect(new ImportDay({ ...RULE, now: new Date("2025-05-31T16:30:00Z") }).today).toBe("2025-06-01");
    expect(importDay(RULE)).toBe(importDay(RULE));
    expect(importDay(RULE)).not.toBe(importDay({ ...RULE }));
  });
});
