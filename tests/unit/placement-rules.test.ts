import { describe, expect, it } from "vitest";
import {
  ACTIVE_STATUSES,
  APPLICATION_STATUSES,
  ageBand,
  nextMoves,
  STATUS_TEXT,
  surnameOnly,
  TRANSITIONS,
} from "../../src/modules/applications/rules";
import { deriveEmploymentStatus } from "../../src/modules/employments/status";

const rec = (o: Partial<Parameters<typeof deriveEmploymentStatus>[0][number]> = {}) => ({
  source: "application" as const,
  channel: "workshop" as const,
  regionCode: "450332",
  outsideGuangxi: false,
  startDate: "2026-05-01",
  endDate: null,
  confirmedAt: new Date("2026-05-01T00:00:00Z"),
  createdAt: new Date("2026-05-01T00:00:00Z"),
  ...o,
});
const HOME = "450332102201";

describe("application rules", () => {
  it("every state has Chinese text; terminal states have no moves; no move leads back to submitted", () => {
    for (const s of APPLICATION_STATUSES) expect(STATUS_TEXT[s].label).toMatch(/[\u4e00-\u9fa5]/);
    for (const s of ["rejected", "withdrawn", "no_show", "hire_rejected"] as const)
      expect(TRANSITIONS.filter((t) => t.from === s)).toEqual([]);
    // A hire has one move left: county staff not confirming it (不予确认).
    expect(TRANSITIONS.filter((t) => t.from === "hired").map((t) => [t.to, t.by])).toEqual([
      ["hire_rejected", ["bureau"]],
    ]);
    expect(TRANSITIONS.some((t) => t.to === "submitted")).toBe(false);
    expect(ACTIVE_STATUSES).toEqual(["submitted", "viewed", "accepted", "hired"]);
  });

  it("employers move forward, the person (or staff) withdraws", () => {
    expect(nextMoves("accepted", "employer").sort()).toEqual(["hired", "no_show"]);
    expect(nextMoves("accepted", "labourer")).toEqual(["withdrawn"]);
    expect(nextMoves("viewed", "staff")).toEqual(["withdrawn"]);
    expect(nextMoves("hired", "staff")).toEqual([]);
    expect(nextMoves("hired", "bureau")).toEqual(["hire_rejected"]);
  });

  it("masks: surname + 某, age band by decade", () => {
    expect(surnameOnly("莫秀英")).toBe("莫某");
    expect(ageBand(40)).toBe("40–49岁");
    expect(ageBand(49)).toBe("40–49岁");
    expect(ageBand(38)).toBe("30–39岁");
  });
});

describe("employment status: one derivation from confirmed records", () => {
  it("no confirmed record: the ledger's status stands (undefined)", () => {
    expect(deriveEmploymentStatus([], HOME)).toBeUndefined();
    expect(deriveEmploymentStatus([rec({ confirmedAt: null })], HOME)).toBeUndefined();
  });

  it("a hire county staff did not confirm withdraws the status it set: unemployed since that day", () => {
    const rejected = rec({ confirmedAt: null, rejectedAt: new Date("2026-06-10T17:00:00Z") });
    // 17:00 UTC is 01:00 the next day in China.
    expect(deriveEmploymentStatus([rejected], HOME)).toEqual({
      status: "unemployed",
      since: "2026-06-11",
    });
    // Another confirmed job still held wins.
    expect(deriveEmploymentStatus([rejected, rec()], HOME)?.status).toBe("local");
  });

  it.each([
    [{ outsideGuangxi: true, regionCode: "440306", channel: "gd_gx" as const }, "out_province"],
    [{ channel: "public_welfare" as const }, "public_welfare"],
    [{ channel: "odd_job" as const }, "flexible"],
    [{ channel: null, source: "own_business" as const }, "flexible"],
    [{ regionCode: "450332100" }, "local"],
    [{ regionCode: "450305" }, "in_province"],
  ])("a held job %o → %s", (fields, status) => {
    expect(deriveEmploymentStatus([rec(fields)], HOME)).toEqual({ status, since: "2026-05-01" });
  });

  it("all ended: unemployed since the last end; the newest held job names the kind", () => {
    expect(
      deriveEmploymentStatus(
        [rec({ endDate: "2026-06-01" }), rec({ endDate: "2026-07-01" })],
        HOME,
      ),
    ).toEqual({
      status: "unemployed",
      since: "2026-07-01",
    });
    const two = [
      rec({ startDate: "2026-03-01" }),
      rec({ startDate: "2026-06-01", outsideGuangxi: true, regionCode: "4403" }),
    ];
    expect(deriveEmploymentStatus(two, HOME)).toEqual({
      status: "out_province",
      since: "2026-03-01",
    });
    expect(
      deriveEmploymentStatus([rec({ confirmedAt: null, outsideGuangxi: true }), rec()], HOME),
    ).toEqual({
      status: "local",
      since: "2026-05-01",
    });
  });
});

describe("application notice message", () => {
  it("never borrows the recommendation templates: without its own, WeChat gets no data and SMS an empty template", async () => {
    const { applicationMessage } = await import("../../src/modules/notifications/messages");
    const bare = applicationMessage({
      ref: "r",
      openId: "o",
      phone: null,
      text: "您报名的「普工」：已录用。",
      jobTitle: "普工",
      statusLabel: "已录用",
      page: "p",
    });
    expect(bare.wechat).toBeUndefined();
    expect(bare.sms?.templateCode).toBe("");
    const configured = applicationMessage({
      ref: "r",
      openId: "o",
      phone: null,
      text: "t",
      jobTitle: "普工",
      statusLabel: "已录用",
      page: "p",
      wechatTemplateId: "TPL",
      smsTemplateCode: "SMS_1",
    });
    expect(configured.wechat).toMatchObject({
      templateId: "TPL",
      data: { thing1: "普工", phrase2: "已录用" },
    });
    expect(configured.sms?.templateCode).toBe("SMS_1");
  });
});
