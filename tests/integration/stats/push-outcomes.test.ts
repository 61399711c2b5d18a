import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applications, employments } from "../../../db/schema/placement";
import { recommendations } from "../../../db/schema/recommendations";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { daysAgo, insertCourse, insertEnrolment, insertRound } from "./fixture";
import { buildCounty } from "./scenario";

let h: Harness;
let county: AuthAs;
let s: Awaited<ReturnType<typeof buildCounty>>;
beforeAll(async () => {
  h = await createHarness();
  s = await buildCounty(h);
  county = await h.as.bureau("450332");
  const db = h.deps.db;
  const recOf = async (labourerId: string, jobId: string) =>
    (
      await db
        .select()
        .from(recommendations)
        .where(and(eq(recommendations.labourerId, labourerId), eq(recommendations.jobId, jobId)))
    )[0]!;
  // a4 declined the Shenzhen job (too far), delivered by WeChat.
  const r4 = await recOf(s.a4.id, s.jobs.gd.id);
  await db
    .update(recommendations)
    .set({ deliveryStatus: "delivered", feedback: "declined", declineReason: "too_far" })
    .where(eq(recommendations.id, r4.id));
  // a5 applied to the workshop on the recommendation and was hired (confirmed) within 30 days.
  const r5 = await recOf(s.a5.id, s.jobs.workshop.id);
  await db
    .update(recommendations)
    .set({ deliveryStatus: "fallback", feedback: "applied" })
    .where(eq(recommendations.id, r5.id));
  const [app] = await db
    .insert(applications)
    .values({
      labourerId: s.a5.id,
      jobId: s.jobs.workshop.id,
      employerId: s.jobs.workshop.employerId,
      source: "recommendation",
      recommendationId: r5.id,
      status: "hired",
    })
    .returning();
  await db
    .update(employments)
    .set({ applicationId: app!.id, createdAt: daysAgo(20) })
    .where(eq(employments.labourerId, s.a5.id));
  // a5 viewed the odd job; the Shenzhen job got no answer.
  const r5odd = await recOf(s.a5.id, s.jobs.odd.id);
  await db
    .update(recommendations)
    .set({ feedback: "viewed" })
    .where(eq(recommendations.id, r5odd.id));
  // A round by a newer matcher for someone else: its own row.
  const course = await insertCourse(h);
  const e = await insertEnrolment(h, course.id, s.a1.id, 10);
  await insertRound(h, e, [s.jobs.workshop.id], { matcherVersion: "2", createdAt: daysAgo(5) });
});
afterAll(async () => {
  await h?.close();
});

describe("GET /api/v1/stats/push-outcomes", () => {
  it("counts sent, delivered, viewed, applied, hired within 30 days and declines by reason", async () => {
    const res = await json(await h.api.get("/api/v1/stats/push-outcomes", county));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.rows;
    const pick = (region: string, channel: string, version = "1") =>
      rows.find(
        (r: any) =>
          r.regionCode === region && r.channel === channel && r.matcherVersion === version,
      );
    // 莲花 (a4): one gd_gx recommendation, delivered, declined as too far.
    expect(pick("450332102", "gd_gx")).toMatchObject({
      round: 1,
      sent: 1,
      delivered: 1,
      viewed: 1,
      applied: 0,
      hired30d: 0,
      declined: 1,
      declinedByReason: { too_far: 1, wage_too_low: 0, family: 0, unsuitable_work: 0, other: 0 },
    });
    // 恭城镇 (a5): workshop applied and hired, odd job viewed, gd_gx silent.
    expect(pick("450332100", "workshop")).toMatchObject({
      sent: 1,
      delivered: 1,
      viewed: 1,
      applied: 1,
      hired30d: 1,
    });
    expect(pick("450332100", "odd_job")).toMatchObject({ sent: 1, viewed: 1, applied: 0 });
    expect(pick("450332100", "gd_gx")).toMatchObject({ sent: 1, viewed: 0, delivered: 0 });
    expect(pick("450332102", "workshop", "2")).toMatchObject({ sent: 1, channelLabel: "帮扶车间" });
    expect(rows.every((r: any) => r.regionCode.startsWith("450332"))).toBe(true);
  });

  it("filters by date and stays in scope", async () => {
    const recent = await json(
      await h.api.get(
        `/api/v1/stats/push-outcomes?from=${new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10)}`,
        county,
      ),
    );
    expect(recent.status).toBe(200);
    expect(recent.body.rows.map((r: any) => r.matcherVersion)).toEqual(["2"]);
    const bad = await json(await h.api.get("/api/v1/stats/push-outcomes?from=2026-13-40", county));
    expect(bad.status).toBe(400);
    const other = await h.as.bureau("450225");
    const none = await json(await h.api.get("/api/v1/stats/push-outcomes", other));
    expect(none.body.rows).toEqual([]);
  });
});
