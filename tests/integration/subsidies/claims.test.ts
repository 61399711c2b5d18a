import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { subsidyClaims } from "../../../db/schema/subsidies";
import { json } from "../../support/harness";
import { today } from "../applications/factory";
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

describe("免申即享: a confirmed job outside Guangxi", () => {
  it("proposes a claim, tells the labourer what is missing, and checks it to min(proven, cap)", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    expect(claim.status).toBe("proposed");
    const notes = await h.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.labourerId, p.labourer.id));
    const text = notes.map((n) => (n.content as { text: string }).text).join("\n");
    expect(text).toContain("车票");

    // 380 + 290 = 670 元 of tickets against Guangdong's assumed 600 元 cap.
    expect((await uploadTicket(h, p.as, claim.id, "E0001", 38_000)).status).toBe(201);
    const dup = await uploadTicket(h, p.as, claim.id, "e0001", 100);
    expect(dup.body.error.code).toBe("SUBSIDY_PROOF_DUPLICATE");
    expect((await uploadTicket(h, p.cadre, claim.id, "E0002", 29_000)).status).toBe(201);
    const bad = await uploadTicket(
      h,
      p.as,
      claim.id,
      "E0003",
      100,
      new TextEncoder().encode("hello"),
    );
    expect(bad.status).toBe(415);

    const checked = await submitAndCheck(h, p.as, claim.id);
    expect(checked).toMatchObject({
      checkPassed: true,
      provenFen: 67_000,
      capFen: 60_000,
      amountFen: 60_000,
      payee: { accountType: "bank_card", accountMasked: "6222***********0123" },
    });
    expect(checked.findings.map((f: { code: string }) => f.code)).toContain("AMOUNT_CAPPED");
    expect(JSON.stringify(checked)).not.toContain("6222021234567890123");
    // The stored account is ciphertext.
    const [row] = await h.deps.db
      .select()
      .from(subsidyClaims)
      .where(eq(subsidyClaims.id, claim.id));
    expect(row!.payeeAccountEnc).toMatch(/^v1\./);
    expect(h.deps.pii.decrypt(row!.payeeAccountEnc!)).toBe("6222021234567890123");
  });

  it("a claim with no tickets is checked with the reason, returned, and checked again after resubmission", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    const checked = await submitAndCheck(h, p.cadre, claim.id);
    expect(checked.checkPassed).toBe(false);
    expect(checked.findings).toContainEqual(
      expect.objectContaining({ code: "PROOF_MISSING", outcome: "fail" }),
    );
    const approve = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "approve" },
        p.bureau,
      ),
    );
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe("SUBSIDY_CHECK_FAILED");
    const noReason = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "return" },
        p.bureau,
      ),
    );
    expect(noReason.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const ret = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "return", reason: "请补充去程车票照片" },
        p.bureau,
      ),
    );
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    expect(ret.body).toMatchObject({ status: "returned", statusLabel: "需补充材料" });
    expect((await uploadTicket(h, p.as, claim.id, "G1234", 25_000)).status).toBe(201);
    const again = await submitAndCheck(h, p.as, claim.id);
    expect(again).toMatchObject({ checkPassed: true, amountFen: 25_000 });
    expect(again.events.map((e: { to: string }) => e.to)).toEqual([
      "proposed",
      "submitted",
      "checked",
      "returned",
      "submitted",
      "checked",
    ]);
  });
});

describe("refusals", () => {
  it("a job inside Guangxi is refused with a clear reason and never proposed", async () => {
    const p = await hiredOutside(h, { regionCode: "450305" });
    const res = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: p.employmentId }, p.as),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("SUBSIDY_NOT_ELIGIBLE");
    expect(res.body.error.message).toContain("广西区内");
    expect(res.body.error.details.reasons[0].code).toBe("DESTINATION_INSIDE_GUANGXI");
  });

  it("an unconfirmed job and a person type outside the policy are refused", async () => {
    const p = await hiredOutside(h, { confirm: false });
    const res = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: p.employmentId }, p.cadre),
    );
    expect(res.body.error.details.reasons.map((r: { code: string }) => r.code)).toEqual([
      "EMPLOYMENT_NOT_CONFIRMED",
    ]);
    const other = await hiredOutside(h, { person: { personType: "other" } });
    const res2 = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: other.employmentId }, other.cadre),
    );
    expect(res2.body.error.details.reasons[0].code).toBe("PERSON_TYPE_NOT_ELIGIBLE");
  });

  it("a second claim in the same policy year is refused, by the service and by Postgres", async () => {
    const p = await hiredOutside(h);
    const first = await proposedClaim(h, p.as);
    // A second job outside Guangxi in the same year, recorded and confirmed.
    const rec = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "东莞市某厂",
          regionCode: "441900",
          startDate: today(),
        },
        p.cadre,
      ),
    );
    await h.api.post(`/api/v1/employments/${rec.body.id}/confirm`, { note: "已核实" }, p.cadre);
    const second = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: rec.body.id }, p.as),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("SUBSIDY_ALREADY_CLAIMED");
    expect(second.body.error.message).toContain(`${today().slice(0, 4)}年度已有一笔申领`);
    // Starting the first one again answers the existing claim.
    const same = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: p.employmentId }, p.as),
    );
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.id);
    // The constraint itself: a row written past the service is refused.
    const [row] = await h.deps.db
      .select()
      .from(subsidyClaims)
      .where(eq(subsidyClaims.id, first.id));
    const err = await h.deps.db
      .insert(subsidyClaims)
      .values({ ...row!, id: undefined, employmentId: rec.body.id })
      .then(() => undefined)
      .catch((e: { cause?: { constraint_name?: string } }) => e);
    expect(err?.cause?.constraint_name).toBe("subsidy_claims_once_per_year_uq");
  });

  it("a rejected job is not claimed again (with the reason, not 已有申领); another job that year is", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    await submitAndCheck(h, p.as, claim.id);
    const rej = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "reject", reason: "车票不是本人的" },
        p.bureau,
      ),
    );
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    for (const as of [p.as, p.cadre]) {
      const again = await json(
        await h.api.post("/api/v1/subsidy-claims", { employmentId: p.employmentId }, as),
      );
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: "SUBSIDY_CLAIM_REJECTED",
        field: "employmentId",
        details: { claimId: claim.id, reason: "车票不是本人的" },
      });
      expect(again.body.error.message).toContain("已被驳回（驳回原因：车票不是本人的）");
      expect(again.body.error.message).not.toContain("已有");
    }
    // The rejected claim frees the year: a new job outside Guangxi the same year is claimed.
    const rec = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "东莞市某厂",
          regionCode: "441900",
          startDate: today(),
        },
        p.cadre,
      ),
    );
    await h.api.post(`/api/v1/employments/${rec.body.id}/confirm`, { note: "已核实" }, p.cadre);
    const fresh = await json(
      await h.api.post("/api/v1/subsidy-claims", { employmentId: rec.body.id }, p.as),
    );
    expect([200, 201]).toContain(fresh.status);
    expect(fresh.body.id).not.toBe(claim.id);
    const rows = await h.deps.db
      .select()
      .from(subsidyClaims)
      .where(eq(subsidyClaims.labourerId, p.labourer.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["proposed", "rejected"]);
  });

  it("another county's claim does not exist for its staff; labourers cannot review", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    const other = await h.as.bureau("450225");
    const res = await json(await h.api.get(`/api/v1/subsidy-claims/${claim.id}`, other));
    expect(res.status).toBe(404);
    const review = await json(
      await h.api.post(`/api/v1/subsidy-claims/${claim.id}/review`, { decision: "approve" }, p.as),
    );
    expect(review.status).toBe(403);
    const illegal = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "approve" },
        p.bureau,
      ),
    );
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({
      code: "SUBSIDY_STATE_CONFLICT",
      details: { current: "proposed" },
    });
  });
});

describe("review", () => {
  it("twenty concurrent approvals approve once", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    await uploadTicket(h, p.as, claim.id, "T100", 30_000);
    await submitAndCheck(h, p.as, claim.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.api.post(`/api/v1/subsidy-claims/${claim.id}/review`, { decision: "approve" }, p.bureau),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const detail = await json(await h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.bureau));
    expect(detail.body.events.filter((e: { to: string }) => e.to === "approved")).toHaveLength(1);
  });

  it("a changed policy does not change claims already judged, and new claims take the new version", async () => {
    const p = await hiredOutside(h);
    const claim = await proposedClaim(h, p.as);
    await uploadTicket(h, p.as, claim.id, "K500", 50_000);
    const before = await submitAndCheck(h, p.as, claim.id);
    expect(before).toMatchObject({ amountFen: 50_000, policyVersion: 1 });
    const admin = await h.as.admin();
    const year = Number(today().slice(0, 4));
    const county = await h.as.bureau("450332");
    const refused = await json(
      await h.api.post(
        "/api/v1/subsidy-programmes/transport_subsidy/policies",
        { policyYear: year, defaultCapFen: 1 },
        county,
      ),
    );
    expect(refused.status).toBe(403);
    const v = await json(
      await h.api.post(
        "/api/v1/subsidy-programmes/transport_subsidy/policies",
        { policyYear: year, caps: [{ regionCode: "44", capFen: 20_000 }], defaultCapFen: 30_000 },
        admin,
      ),
    );
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(v.body.version).toBe(1);
    const after = await json(await h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.as));
    expect(after.body).toMatchObject({ amountFen: 50_000, policyId: before.policyId });

    const q = await hiredOutside(h);
    const newer = await proposedClaim(h, q.as);
    await uploadTicket(h, q.as, newer.id, "K501", 50_000);
    const judged = await submitAndCheck(h, q.as, newer.id);
    expect(judged).toMatchObject({ amountFen: 20_000, policyId: v.body.id });
    const programmes = await json(await h.api.get("/api/v1/subsidy-programmes", admin));
    expect(programmes.body.items[0].currentPolicy.id).toBe(v.body.id);
  });
});
