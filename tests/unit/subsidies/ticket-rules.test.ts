import { describe, expect, it } from "vitest";
import { judge } from "../../../src/modules/subsidies/judge";
import { DEFAULT_TRANSPORT_POLICY, TICKET_RULES } from "../../../src/modules/subsidies/rules";
import { daysBefore } from "../../../src/modules/subsidies/ticket-rules";

/** A confirmed job in Shenzhen from 2026-11-20, with a bank card: only the tickets vary. */
const policy = { ...DEFAULT_TRANSPORT_POLICY, ruleType: "transport_round_trip" as const };
const facts = (tickets: Parameters<typeof judge>[1]["tickets"]) => ({
  personType: "tuopin",
  employment: {
    regionCode: "440306",
    outsideGuangxi: true,
    confirmed: true,
    startDate: "2026-11-20",
    endDate: null,
  },
  today: "2026-12-02",
  tickets,
  hasPayeeAccount: true,
});
const t = (ticketNo: string, travelDate: string | null, leg: "outbound" | "return" | null) => ({
  ticketNo,
  amountFen: 20_000,
  travelDate,
  leg,
});
const codes = (j: ReturnType<typeof judge>) => j.findings.map((f) => f.code);
const textOf = (j: ReturnType<typeof judge>, code: string) =>
  j.findings.find((f) => f.code === code)?.text;

describe("the tickets' travel date and leg in the automatic check", () => {
  it("an outbound ticket a few days before the start, and a later return, pass", () => {
    const j = judge(
      policy,
      facts([t("G1001", "2026-11-18", "outbound"), t("G1002", "2026-11-30", "return")]),
    );
    expect(j.passed).toBe(true);
    expect(textOf(j, "TICKET_DATES_OK")).toBe("车票日期核对无误：去程 2026年11月18日");
  });

  it("a round trip with only a return ticket fails: the outbound is needed", () => {
    const j = judge(policy, facts([t("G1002", "2026-11-30", "return")]));
    expect(j.passed).toBe(false);
    expect(textOf(j, "TICKET_OUTBOUND_MISSING")).toBe(
      "往返交通补贴要有去程车票（去务工地的那张），现在只上传了返程车票",
    );
  });

  it("a return dated before the outbound is flagged, naming both days", () => {
    const j = judge(
      policy,
      facts([t("G1001", "2026-11-18", "outbound"), t("G1002", "2026-11-10", "return")]),
    );
    expect(j.passed).toBe(false);
    expect(textOf(j, "TICKET_RETURN_BEFORE_OUTBOUND")).toBe(
      "票号 G1002 的返程车票乘车日期2026年11月10日，早于去程车票的2026年11月18日，请核对车票日期和去程、返程",
    );
  });

  it(`a ticket more than ${TICKET_RULES.maxDaysBeforeStart} days before the start is flagged; on the limit it is not`, () => {
    const limit = daysBefore("2026-11-20", TICKET_RULES.maxDaysBeforeStart);
    expect(limit).toBe("2026-10-21");
    expect(judge(policy, facts([t("G1001", limit, "outbound")])).passed).toBe(true);
    const early = judge(policy, facts([t("G1001", "2026-10-20", "outbound")]));
    expect(early.passed).toBe(false);
    expect(textOf(early, "TICKET_BEFORE_START")).toBe(
      "票号 G1001 的车票乘车日期2026年10月20日，比上岗日期2026年11月20日早了 30 天以上，不像是这次外出务工的车票",
    );
  });

  it("tickets uploaded before the date and leg were asked are not judged on them", () => {
    const j = judge(policy, facts([t("G1001", null, null)]));
    expect(j.passed).toBe(true);
    expect(codes(j).filter((c) => c.startsWith("TICKET_"))).toEqual([]);
  });

  it("the stable-employment reward (no tickets) has no ticket findings", () => {
    const j = judge(
      { ...policy, ruleType: "stable_employment", minTickets: 0, minMonthsInWork: 0 },
      facts([]),
    );
    expect(codes(j).filter((c) => c.startsWith("TICKET_"))).toEqual([]);
  });

  it("every ticket finding is in Chinese", () => {
    const j = judge(
      policy,
      facts([t("G1002", "2026-09-01", "return"), t("G1003", "2026-08-01", "return")]),
    );
    for (const f of j.findings) expect(f.text).toMatch(/[\u4e00-\u9fa5]/);
    expect(codes(j)).toContain("TICKET_OUTBOUND_MISSING");
    expect(codes(j).filter((c) => c === "TICKET_BEFORE_START")).toHaveLength(2);
  });
});
