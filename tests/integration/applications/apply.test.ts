import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../../db/schema/jobs";
import { applications } from "../../../db/schema/placement";
import { recommendationRounds, recommendations } from "../../../db/schema/recommendations";
import { createHarness, type Harness, json } from "../../support/harness";
import { applicationRows, apply, eventsOf, openPosting, person, trainedPerson } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("a labourer applies to a posting", () => {
  it("creates one submitted application with its first event", async () => {
    const { job, employer } = await openPosting(h);
    const p = await person(h);
    const created = await apply(h, p.as, job.id, { source: "detail" });
    expect(created).toMatchObject({
      status: "submitted",
      statusLabel: "已报名",
      source: "detail",
      jobId: job.id,
      labourerId: p.labourer.id,
      onBehalf: false,
    });
    const [row] = await applicationRows(h, p.labourer.id);
    expect(row!.employerId).toBe(employer.id);
    const events = await eventsOf(h, created.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      [null, "submitted", "labourer"],
    ]);
  });

  it("a second apply returns the same application, and concurrent applies leave exactly one row", async () => {
    const { job } = await openPosting(h);
    const p = await person(h);
    const results = await Promise.all(
      Array.from({ length: 6 }, async () =>
        json(await h.api.post("/api/v1/applications", { jobId: job.id, source: "search" }, p.as)),
      ),
    );
    for (const r of results) expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await applicationRows(h, p.labourer.id)).toHaveLength(1);
    const again = await json(
      await h.api.post("/api/v1/applications", { jobId: job.id, source: "search" }, p.as),
    );
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(results[0]!.body.id);
  });

  it("the database itself refuses a second active application (partial unique index)", async () => {
    const { job, employer } = await openPosting(h);
    const p = await person(h);
    await apply(h, p.as, job.id);
    const insert = h.deps.db.insert(applications).values({
      labourerId: p.labourer.id,
      jobId: job.id,
      employerId: employer.id,
      source: "search",
    });
    await expect(insert).rejects.toThrow();
  });

  it.each([
    ["closed", { status: "closed" as const }, "停止招聘"],
    ["filled", { status: "filled" as const }, "已招满"],
    ["expired", { status: "expired" as const }, "截止"],
    ["past its deadline", { expiresAt: new Date(Date.now() - 60_000) }, "截止"],
  ])("refuses a posting that is %s with 409 and a Chinese message", async (_what, set, words) => {
    const { job } = await openPosting(h);
    await h.deps.db.update(jobs).set(set).where(eq(jobs.id, job.id));
    const p = await person(h);
    const res = await json(
      await h.api.post("/api/v1/applications", { jobId: job.id, source: "search" }, p.as),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe("JOB_NOT_OPEN");
    expect(res.body.error.message).toContain(words);
    expect(await applicationRows(h, p.labourer.id)).toHaveLength(0);
  });
});

describe("staff apply on a person's behalf", () => {
  it("needs the person's consent, records it and who applied, and notifies the person", async () => {
    const { job } = await openPosting(h);
    const p = await person(h);
    const cadre = await h.as.cadre("450332");
    const noConsent = await json(
      await h.api.post(
        "/api/v1/applications",
        { jobId: job.id, source: "search", labourerId: p.labourer.id },
        cadre,
      ),
    );
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "consent" });

    const at = "2026-11-25T09:30:00+08:00";
    const res = await json(
      await h.api.post(
        "/api/v1/applications",
        {
          jobId: job.id,
          source: "search",
          labourerId: p.labourer.id,
          consent: { method: "phone", at },
        },
        cadre,
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [row] = await applicationRows(h, p.labourer.id);
    expect(row).toMatchObject({ onBehalf: true, appliedBy: cadre.userId, consentMethod: "phone" });
    expect(row!.consentAt!.toISOString()).toBe(new Date(at).toISOString());
  });

  it("another county's officer cannot apply for the person (404)", async () => {
    const { job } = await openPosting(h);
    const p = await person(h);
    const res = await json(
      await h.api.post(
        "/api/v1/applications",
        {
          jobId: job.id,
          source: "search",
          labourerId: p.labourer.id,
          consent: { method: "in_person", at: new Date().toISOString() },
        },
        await h.as.bureau("450225"),
      ),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("LABOURER_NOT_FOUND");
  });
});

describe("applying from a recommendation", () => {
  async function recommended() {
    const { job } = await openPosting(h);
    const p = await trainedPerson(h);
    const [round] = await h.deps.db
      .insert(recommendationRounds)
      .values({
        labourerId: p.labourer.id,
        enrolmentId: p.enrolment.id,
        round: 1,
        trigger: "training_passed",
        outcome: "complete",
        picked: 1,
      })
      .returning();
    const [rec] = await h.deps.db
      .insert(recommendations)
      .values({
        roundId: round!.id,
        labourerId: p.labourer.id,
        jobId: job.id,
        round: 1,
        rank: 1,
        score: 0.8,
        scoreParts: {},
        reason: "测试",
        step: "county",
      })
      .returning();
    return { job, p, rec: rec! };
  }

  it("feedback `applied` creates the application in the same transaction", async () => {
    const { p, rec } = await recommended();
    const res = await json(
      await h.api.post(`/api/v1/recommendations/${rec.id}/feedback`, { action: "applied" }, p.as),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.feedback).toBe("applied");
    const rows = await applicationRows(h, p.labourer.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: "recommendation",
      recommendationId: rec.id,
      status: "submitted",
    });
  });

  it("applying with a recommendation id marks the recommendation applied", async () => {
    const { job, p, rec } = await recommended();
    await apply(h, p.as, job.id, { source: "recommendation", recommendationId: rec.id });
    const [stored] = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.id, rec.id));
    expect(stored!.feedback).toBe("applied");
  });

  it("a closed posting refuses both: no application, and the feedback is not recorded", async () => {
    const { job, p, rec } = await recommended();
    await h.deps.db.update(jobs).set({ status: "closed" }).where(eq(jobs.id, job.id));
    const res = await json(
      await h.api.post(`/api/v1/recommendations/${rec.id}/feedback`, { action: "applied" }, p.as),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe("JOB_NOT_OPEN");
    expect(await applicationRows(h, p.labourer.id)).toHaveLength(0);
    const [stored] = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.id, rec.id));
    expect(stored!.feedback).toBe("none");
  });

  it("someone else's recommendation id is refused", async () => {
    const { job, rec } = await recommended();
    const other = await person(h);
    const res = await json(
      await h.api.post(
        "/api/v1/applications",
        { jobId: job.id, source: "recommendation", recommendationId: rec.id },
        other.as,
      ),
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: "RECOMMENDATION_NOT_FOUND",
      field: "recommendationId",
    });
  });
});
