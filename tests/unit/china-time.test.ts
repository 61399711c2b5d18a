import { describe, expect, it } from "vitest";
import { ageOn, chinaDate, chinaDayStart } from "../../src/lib/china-time";

describe("China time", () => {
  // 17:30 UTC on 1 March is 01:30 on 2 March in China.
  const lateUtc = new Date("2026-03-01T17:30:00Z");

  it("dates an instant by the Chinese calendar, not UTC", () => {
    expect(chinaDate(lateUtc)).toBe("2026-03-02");
    expect(chinaDate(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
  });

  it("counts a birthday from the Chinese date (the matcher used the UTC date before)", () => {
    expect(ageOn("1990-03-02", lateUtc)).toBe(36);
    expect(ageOn("1990-03-03", lateUtc)).toBe(35);
    expect(ageOn("2000-02-29", new Date("2026-02-28T12:00:00+08:00"))).toBe(25);
    expect(ageOn("2000-02-29", new Date("2026-03-01T00:00:00+08:00"))).toBe(26);
  });

  it("starts a day at 00:00 China time", () => {
    expect(chinaDayStart("2026-03-02")).toBe(Date.parse("2026-03-01T16:00:00Z") / 1000);
  });
});
