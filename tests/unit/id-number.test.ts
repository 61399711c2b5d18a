import { describe, expect, it } from "vitest";
import { ageOn, chinaDate } from "../../src/lib/china-time";
import {
  checkWorkingAge,
  countyFlag,
  idCheckChar,
  normalizeIdNumber,
  parseIdNumber,
  upgradeIdNumber15,
} from "../../src/lib/id-number";

// 12:00 on 1 March 2026 in China; the numbers below were checksummed independently (Python).
const now = new Date("2026-03-01T04:00:00Z");
const age = { now, min: 16, max: 65 };

describe("parseIdNumber: valid numbers", () => {
  it.each([
    ["11010519491231002X", "1949-12-31", "female", "110105"], // the example printed in GB 11643-1999
    ["450332199003150015", "1990-03-15", "male", "450332"], // 恭城
    ["450225198507220028", "1985-07-22", "female", "450225"], // 融水
    ["450226200102280037", "2001-02-28", "male", "450226"], // 三江
    ["451228197808080044", "1978-08-08", "female", "451228"], // 都安
    ["450332200002290011", "2000-02-29", "male", "450332"], // 2000 is a leap year
    ["430621198808080033", "1988-08-08", "male", "430621"], // born outside Guangxi (湖南)
  ])("%s → born %s, %s, county %s", (raw, birthDate, sex, county) => {
    const r = parseIdNumber(raw, { now });
    expect(r).toMatchObject({
      ok: true,
      id: {
        value: raw,
        birthDate,
        sex,
        countyCode: county,
        provinceCode: county.slice(0, 2),
        upgradedFrom15: false,
      },
    });
  });

  it("normalises full-width digits, a lowercase x and inner spaces", () => {
    expect(normalizeIdNumber(" １１０１０５ 1949 1231 002ｘ ")).toBe("11010519491231002X");
    expect(parseIdNumber("１１０１０５１９４９１２３１００２ｘ", { now })).toMatchObject({
      ok: true,
      id: { value: "11010519491231002X" },
    });
    expect(parseIdNumber("11010519491231002x", { now })).toMatchObject({
      ok: true,
      id: { value: "11010519491231002X" },
    });
  });

  it("computes the ISO 7064 MOD 11-2 check character", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    expect(idCheckChar("45033219900315001")).toBe("5");
  });

  it("upgrades a 15-digit number to the 18-digit number of the same person", () => {
    expect(upgradeIdNumber15("450332900315001")).toBe("450332199003150015");
    expect(parseIdNumber("450332900315001", { now })).toMatchObject({
      ok: true,
      id: {
        value: "450332199003150015",
        birthDate: "1990-03-15",
        sex: "male",
        upgradedFrom15: true,
      },
    });
  });
});

describe("parseIdNumber: each failure has its own reason and Chinese message", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["45033219900315001", "length"], // 17 digits
    ["4503321990031500155", "length"], // 19 digits
    ["45033219900315001A", "characters"], // letter other than X
    ["4503321990X3150015", "characters"], // X not in last place
    ["450332-19900315-0015", "characters"],
    ["45033290031500X", "characters"], // 15-digit numbers have no check character
    ["450332199003150016", "checksum"],
    ["11010519491231002Y", "characters"],
    ["110105194912310021", "checksum"],
    ["450332199002300018", "birth_date"], // 30 February, correct check character
    ["450332190002290015", "birth_date"], // 1900 was not a leap year
    ["450332203001010018", "birth_future"],
    ["990332199003150010", "province"], // 99 is no province
  ])("%j → %s", (raw, problem) => {
    const r = parseIdNumber(raw, { now });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe(problem);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("gives different messages for different problems", () => {
    const messages = [
      "",
      "450332199003150016",
      "450332199002300018",
      "450332203001010018",
      "990332199003150010",
      "4503321990",
    ].map((raw) => {
      const r = parseIdNumber(raw, { now });
      return r.ok ? "" : r.message;
    });
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe("working age (16..65 inclusive, at the business clock)", () => {
  const birth = (raw: string) => {
    const r = parseIdNumber(raw, { now });
    if (!r.ok) throw new Error(r.problem);
    return r.id.birthDate;
  };

  it.each([
    ["450332201003010012", true, 16], // 16th birthday today
    ["450332201003020018", false, 15], // 16 tomorrow
    ["450332201205010010", false, 13],
    ["450332196003020014", true, 65], // 66 tomorrow
    ["450332196003010027", false, 66], // 66 today
    ["450332195801010019", false, 68],
    ["11010519491231002X", false, 76],
  ])("%s → of working age: %s (age %i)", (raw, ok, years) => {
    const r = checkWorkingAge(birth(raw), age);
    expect(r.ok).toBe(ok);
    expect(r.age).toBe(years);
    if (!r.ok) expect(r.problem).toBe(years < 16 ? "too_young" : "too_old");
  });

  it("counts a 29 February birthday from 1 March in common years", () => {
    expect(ageOn("2000-02-29", new Date("2026-02-28T04:00:00Z"))).toBe(25);
    expect(ageOn("2000-02-29", new Date("2026-03-01T04:00:00Z"))).toBe(26);
  });

  it("uses the China calendar date, not UTC", () => {
    // 20:00 UTC on 28 February is already 1 March in China.
    expect(chinaDate(new Date("2026-02-28T20:00:00Z"))).toBe("2026-03-01");
    expect(chinaDate(new Date("2025-05-31T16:30:00Z"))).toBe("2025-06-01");
    expect(ageOn("2010-03-01", new Date("2026-02-28T20:00:00Z"))).toBe(16);
  });
});

describe("countyFlag", () => {
  it("flags an unknown county of a province in the reference data, and nothing else", () => {
    expect(countyFlag({ countyExists: false, provinceLoaded: true })).toBe("region_not_current");
    expect(countyFlag({ countyExists: true, provinceLoaded: true })).toBeUndefined();
    expect(countyFlag({ countyExists: false, provinceLoaded: false })).toBeUndefined();
  });
});
