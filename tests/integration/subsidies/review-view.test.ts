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

describe("what the bureau's review pages read", () => {
  it("a claim carries the person's masked ID number, and each event who moved it and from which state", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    expect((await uploadTicket(h, p.as, claim.id, "E7001", 31_000)).status).toBe(201);
    await submitAndCheck(h, p.as, claim.id);
    const officer = await h.as.user("bureau", {
      regionCode: "450332",
      displayName: "恭城县人社局 审核员甲",
    });
    const queue = await json(await h.api.get("/api/v1/subsidy-claims?status=checked", officer));
    const inQueue = queue.body.items.find((c: { id: string }) => c.id === claim.id);
    expect(inQueue.idNumberMasked).toBe(p.labourer.idNumberMasked);
    expect(inQueue.idNumberMasked).toMatch(/\*{4,}/);

    const returned = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "return", reason: "请补拍返程车票" },
        officer,
      ),
    );
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const events = returned.body.events as Record<string, unknown>[];
    expect(events.at(-1)).toMatchObject({
      from: "checked",
      fromLabel: "待审核",
      to: "returned",
      toLabel: "需补充材料",
      actorRole: "bureau",
      actorName: "恭城县人社局 审核员甲",
      reason: "请补拍返程车票",
    });
    // The worker's check has no account behind it.
    expect(events.find((e) => e.to === "checked")).toMatchObject({
      fromLabel: "已提交",
      actorName: null,
    });
  }, 60_000);
});
