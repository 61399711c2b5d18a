import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../support/harness";
import {
  hiredOutside,
  proposedClaim,
  submitAndCheck,
  subsidyHarness,
  subsidyPipeline,
  uploadTicket,
} from "./factory";

let h: Awaited<ReturnType<typeof subsidyHarness>>;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  h = await subsidyHarness();
  pipeline = await subsidyPipeline(h);
});
afterAll(async () => {
  await pipeline?.stop();
  await h?.close();
  h?.cleanup();
});

describe("a ticket's travel date and leg (去程 / 返程)", () => {
  it("are required, checked in Chinese under their field, and shown with the leg's label", async () => {
    const p = await hiredOutside(h, { person: { name: "农秀珍" }, startDate: "2026-11-20" });
    const claim = await proposedClaim(h, p.as);
    const cases: [Record<string, string | null>, string, RegExp][] = [
      [{ travelDate: null }, "travelDate", /乘车日期/],
      [{ travelDate: "11月18日" }, "travelDate", /乘车日期/],
      [{ travelDate: "2026-02-30" }, "travelDate", /不是一个真实的日子/],
      [{ travelDate: "2099-01-01" }, "travelDate", /不能晚于今天/],
      [{ leg: null }, "leg", /去程还是返程/],
      [{ leg: "there" }, "leg", /去程还是返程/],
    ];
    for (const [travel, field, message] of cases) {
      const r = await uploadTicket(h, p.as, claim.id, "G2001", 20_000, undefined, travel);
      expect(r.status, JSON.stringify(travel)).toBe(400);
      expect(r.body.error.field).toBe(field);
      expect(r.body.error.message).toMatch(message);
    }
    const ok = await uploadTicket(h, p.as, claim.id, "G2001", 20_000, undefined, {
      travelDate: "2026-11-18",
      leg: "outbound",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ travelDate: "2026-11-18", leg: "outbound", legLabel: "去程" });
    const detail = await json(await h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.bureau));
    expect(detail.body.proofs[0]).toMatchObject({ travelDate: "2026-11-18", legLabel: "去程" });
  });

  it("the worker's check flags a return dated before the outbound, with the reason in Chinese", async () => {
    const p = await hiredOutside(h, { person: { name: "黄月英" }, startDate: "2026-11-20" });
    const claim = await proposedClaim(h, p.as);
    for (const [no, travelDate, leg] of [
      ["G3001", "2026-11-18", "outbound"],
      ["G3002", "2026-11-10", "return"],
    ] as const)
      expect(
        (await uploadTicket(h, p.as, claim.id, no, 20_000, undefined, { travelDate, leg })).status,
      ).toBe(201);
    const checked = await submitAndCheck(h, p.as, claim.id);
    expect(checked.checkPassed).toBe(false);
    const finding = checked.findings.find(
      (f: { code: string }) => f.code === "TICKET_RETURN_BEFORE_OUTBOUND",
    );
    expect(finding).toMatchObject({ outcome: "fail" });
    expect(finding.text).toContain("票号 G3002 的返程车票乘车日期2026年11月10日");
  });
});
