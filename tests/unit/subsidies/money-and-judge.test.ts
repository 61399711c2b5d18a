import { describe, expect, it } from "vitest";
import { fenToYuan, yuanToFen } from "../../../src/lib/money";
import { judge, monthsInWork } from "../../../src/modules/subsidies/judge";
import {
  assertMove,
  capFor,
  DEFAULT_TRANSPORT_POLICY,
  maskAccount,
  TRANSITIONS,
} from "../../../src/modules/subsidies/rules";

describe("money in fen, never a float", () => {
  it("formats fen as yuan with two decimals", () => {
    expect(fenToYuan(0)).toBe("0.00");
    expect(fenToYuan(5)).toBe("0.05");
    expect(fenToYuan(28_650)).toBe("286.50");
    expect(fenToYuan(-150)).toBe("-1.50");
    // Past 2^53 a float would round; BigInt does not.
    expect(fenToYuan(123456789012345678n)).toBe("1234567890123456.78");
    // 0.1 + 0.2 style sums stay exact when added in fen.
    expect(fenToYuan(10 + 20)).toBe("0.30");
  });

  it("parses yuan text to fen digit by digit and refuses what is not money", () => {
    expect(yuanToFen("286.5")).toBe(28_650);
    expect(yuanToFen("286.50")).toBe(28_650);
    expect(yuanToFen("1,234.05")).toBe(123_405);
    expect(yuanToFen("¥600")).toBe(60_000);
    expect(yuanToFen("600元")).toBe(60_000);
    // 0.29 * 100 is 28.999999999999996 as a float; as text it is 29.
    expect(yuanToFen("0.29")).toBe(29);
    for (const bad of ["", "1.005", "-1", "1e3", "abc", "1.2.3"])
      expect(yuanToFen(bad)).toBeUndefined();
  });
});

describe("the claim rules", () => {
  it("the state table holds exactly the documented moves", () => {
    expect(TRANSITIONS.map((t) => `${t.from}>${t.to}`)).toEqual([
      "proposed>submitted",
      "returned>submitted",
      "submitted>checked",
      "checked>approved",
      "checked>rejected",
      "checked>returned",
      "approved>paid",
      "approved>payment_failed",
      "payment_failed>approved",
      "proposed>rejected",
      "submitted>rejected",
      "returned>rejected",
    ]);
    expect(() => assertMove("paid", "approved")).toThrow(/已发放/);
  });

  it("takes the cap of the longest matching destination prefix", () => {
    expect(capFor(DEFAULT_TRANSPORT_POLICY, "440306")).toBe(60_000);
    expect(capFor(DEFAULT_TRANSPORT_POLICY, "445102")).toBe(80_000);
    expect(capFor(DEFAULT_TRANSPORT_POLICY, "330106")).toBe(100_000);
  });

  it("judges min(proven, cap) and says what fails", () => {
    const policy = { ...DEFAULT_TRANSPORT_POLICY, ruleType: "transport_round_trip" as const };
    const facts = {
      personType: "tuopin",
      employment: {
        regionCode: "440306",
        outsideGuangxi: true,
        confirmed: true,
        startDate: "2026-03-01",
        endDate: null,
      },
      today: "2026-03-02",
      tickets: [{ amountFen: 20_000 }, { amountFen: 15_050 }],
      hasPayeeAccount: true,
    };
    expect(judge(policy, facts)).toMatchObject({
      passed: true,
      provenFen: 35_050,
      amountFen: 35_050,
    });
    const inside = judge(policy, {
      ...facts,
      employment: { ...facts.employment, regionCode: "450305", outsideGuangxi: false },
    });
    expect(inside.passed).toBe(false);
    expect(inside.findings.find((f) => f.outcome === "fail")?.code).toBe(
      "DESTINATION_INSIDE_GUANGXI",
    );
    const short = judge({ ...policy, minDaysInWork: 30 }, facts);
    expect(short.findings.find((f) => f.outcome === "fail")?.text).toContain("须满 30 天");
  });

  it("counts whole months of work for the stable-employment reward", () => {
    expect(monthsInWork("2026-01-15", "2026-07-15")).toBe(6);
    expect(monthsInWork("2026-01-15", "2026-07-14")).toBe(5);
    expect(monthsInWork("2025-11-30", "2026-05-30")).toBe(6);
  });

  it("masks account numbers", () => {
    expect(maskAccount("6222021234567890123")).toBe("6222***********0123");
  });
});
