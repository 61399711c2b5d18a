import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subsidyProofs } from "../../../db/schema/subsidies";
import { json } from "../../support/harness";
import {
  hiredOutside,
  proposedClaim,
  subsidyHarness,
  subsidyPipeline,
  uploadTicket,
} from "./factory";

/** What the H5 page needs from the claims API as the labourer: own claims in words, fixing a ticket. */
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

describe("a labourer's own claims", () => {
  it("lists only the person's claims, with where, for whom and since when in words", async () => {
    const p = await hiredOutside(h, { startDate: "2026-11-02" });
    const other = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    const otherClaim = await proposedClaim(h, other.as);

    const mine = await json(await h.api.get("/api/v1/subsidy-claims", p.as));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([claim.id]);
    expect(mine.body.items[0]).toMatchObject({
      status: "proposed",
      statusLabel: "可以申领",
      destinationCode: "440306",
      destinationName: expect.stringContaining("深圳市"),
      employerName: "深圳市宝安区某电子厂",
      startDate: "2026-11-02",
      paidAt: null,
      minTickets: 1,
      proofCount: 0,
    });
    const foreign = await json(await h.api.get(`/api/v1/subsidy-claims/${otherClaim.id}`, p.as));
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("SUBSIDY_CLAIM_NOT_FOUND");
  });
});

describe("removing a ticket", () => {
  it("takes a mistyped ticket off before submission, only on one's own claim, and never after", async () => {
    const p = await hiredOutside(h);
    const other = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    const wrong = await uploadTicket(h, p.as, claim.id, "G1001", 2_865);
    expect(wrong.status).toBe(201);
    expect((await uploadTicket(h, p.as, claim.id, "G1002", 31_000)).status).toBe(201);
    const [stored] = await h.deps.db
      .select()
      .from(subsidyProofs)
      .where(eq(subsidyProofs.id, wrong.body.id));

    const url = `/api/v1/subsidy-claims/${claim.id}/proofs/${wrong.body.id}`;
    const stranger = await json(
      await h.api.raw(url, { method: "DELETE", headers: other.as.headers }),
    );
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe("SUBSIDY_CLAIM_NOT_FOUND");

    const removed = await json(await h.api.raw(url, { method: "DELETE", headers: p.as.headers }));
    expect(removed.status).toBe(200);
    expect(removed.body.proofs.map((t: { ticketNo: string }) => t.ticketNo)).toEqual(["G1002"]);
    expect(removed.body.proofCount).toBe(1);
    expect(await h.deps.files.get(stored!.storageKey)).toBeUndefined();
    // The same number can now be uploaded with the right amount.
    expect((await uploadTicket(h, p.as, claim.id, "G1001", 28_650)).status).toBe(201);

    const again = await json(await h.api.raw(url, { method: "DELETE", headers: p.as.headers }));
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("SUBSIDY_PROOF_NOT_FOUND");

    const submitted = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/submit`,
        { payee: { accountType: "social_security_card", accountNumber: "6217001234567890" } },
        p.as,
      ),
    );
    expect(submitted.status).toBe(200);
    const late = await json(
      await h.api.raw(`/api/v1/subsidy-claims/${claim.id}/proofs/${submitted.body.proofs[0].id}`, {
        method: "DELETE",
        headers: p.as.headers,
      }),
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("SUBSIDY_STATE_CONFLICT");
    expect(
      await h.deps.db.select().from(subsidyProofs).where(eq(subsidyProofs.claimId, claim.id)),
    ).toHaveLength(2);
  });
});
