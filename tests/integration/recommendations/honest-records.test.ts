/**
 * Honest records (issue 18): a staff rerun is stored as `rerun`; one open shortage alert per
 * person, updated in place and resolved by staff (with a note, region-scoped, once) or by an
 * employment; a person who gives a work intention where there was none gets a round.
 */
import type { Worker } from "bullmq";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendationRounds, shortageAlerts } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { startRecommendWorker } from "../../../workers/recommend";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, inIndex, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { asLabourer, makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

let h: Harness;
let worker: Worker;

beforeAll(async () => {
  h = await createHarness({ sync: true });
  worker = await startRecommendWorker(h.deps);
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
  const as = await asEmployer(h, employer.id);
  for (let i = 0; i < 4; i++) {
    const job = await makeJob(
      h,
      as,
      jobBody(i % 2 ? "workshop" : "odd_job", {
        occupation: "育婴员",
        title: `育婴员 ${i + 1}`,
        regionCode: "450332",
        wageUnit: "day",
        wageMinFen: 15_000,
        wageMaxFen: 20_000,
        headcount: 20,
      }),
    );
    await eventually(() => inIndex(h, job.id), 60_000, 50);
  }
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await h?.close();
});

/** A labourer who passed a 育婴员 course (the pass starts round 1 through the outbox). */
async function trained(village: string, county: string, fields: Record<string, unknown> = {}) {
  const labourer = await makeLabourer(h, {
    villageCode: village,
    workIntention: "local",
    contactConsent: true,
    skills: [],
    ...fields,
  });
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    countyCode: county,
  });
  const e = await makeEnrolment(h, course.id, labourer.id);
  const res = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${e.id}/pass`,
      { certificateNo: `HR-${e.id.slice(0, 8)}`, resultDate: "2026-11-20" },
      await h.as.bureau(county),
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { labourerId: labourer.id as string, enrolmentId: e.id as string };
}

const roundsOf = (labourerId: string) =>
  h.deps.db
    .select()
    .from(recommendationRounds)
    .where(eq(recommendationRounds.labourerId, labourerId))
    .orderBy(recommendationRounds.round);
const openAlerts = (labourerId: string) =>
  h.deps.db
    .select()
    .from(shortageAlerts)
    .where(and(eq(shortageAlerts.labourerId, labourerId), eq(shortageAlerts.status, "open")));

describe("a staff rerun", () => {
  it("is stored with trigger `rerun`, not `scheduled`", async () => {
    const p = await trained(VILLAGES.gongcheng, "450332");
    await eventually(async () => (await roundsOf(p.labourerId)).length === 1, 60_000, 100);
    const res = await json(
      await h.api.post(
        `/api/v1/labourers/${p.labourerId}/recommendations/rerun`,
        {},
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const rounds = await eventually(
      async () => {
        const r = await roundsOf(p.labourerId);
        return r.length === 2 ? r : undefined;
      },
      60_000,
      100,
    );
    expect(rounds.map((r) => [r.round, r.trigger])).toEqual([
      [1, "training_passed"],
      [2, "rerun"],
    ]);
  });
});

describe("shortage alerts", () => {
  /** 三江: no 育婴员 postings within reach, so every round falls short. */
  async function shortPerson() {
    const p = await trained(VILLAGES.sanjiang, "450226");
    await eventually(async () => (await roundsOf(p.labourerId)).length === 1, 60_000, 100);
    const second = await runRecommendationRound(systemCtx(h.deps), {
      enrolmentId: p.enrolmentId,
      round: 2,
      trigger: "scheduled",
    });
    expect(second.outcome).toBe("shortage");
    return { ...p, secondRoundId: second.roundId };
  }

  it("keeps one open alert per person: a second short round updates it in place", async () => {
    const p = await shortPerson();
    const open = await openAlerts(p.labourerId);
    expect(open).toHaveLength(1);
    expect(open[0]!.roundId).toBe(p.secondRoundId);
    expect(open[0]!.rounds).toBe(2);

    const res = await json(
      await h.api.get("/api/v1/shortage-alerts?limit=100", await h.as.bureau("450226")),
    );
    expect(res.status).toBe(200);
    const mine = res.body.items.filter(
      (a: { labourerId: string }) => a.labourerId === p.labourerId,
    );
    expect(mine).toHaveLength(1);
    // Chinese for the bureau beside the codes.
    expect(mine[0].stepsTriedLabels[0]).toBe("本乡镇");
    expect(mine[0].placeNames.every((n: string) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    expect(mine[0].summary).toMatch(/还差 \d 个/);
  });

  it("is resolved by staff with a note, in their region only, once", async () => {
    const p = await shortPerson();
    const [alert] = await openAlerts(p.labourerId);
    const path = `/api/v1/shortage-alerts/${alert!.id}/resolve`;
    const elsewhere = await json(
      await h.api.post(path, { note: "已处理" }, await h.as.bureau("450332")),
    );
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(404);
    expect(elsewhere.body.error.code).toBe("SHORTAGE_ALERT_NOT_FOUND");
    const empty = await json(await h.api.post(path, { note: " " }, await h.as.bureau("450226")));
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("note");

    const staff = await h.as.bureau("450226");
    const done = await json(
      await h.api.post(path, { note: "已联系县城家政公司，安排面试" }, staff),
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: "resolved",
      resolution: "staff",
      resolutionNote: "已联系县城家政公司，安排面试",
    });
    const [row] = await h.deps.db
      .select()
      .from(shortageAlerts)
      .where(eq(shortageAlerts.id, alert!.id));
    expect(row).toMatchObject({
      status: "resolved",
      resolution: "staff",
      resolutionNote: "已联系县城家政公司，安排面试",
    });
    expect(row!.resolvedBy).toBeTruthy();
    expect(row!.resolvedAt).toBeInstanceOf(Date);

    const again = await json(await h.api.post(path, { note: "再次处理" }, staff));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("SHORTAGE_ALERT_RESOLVED");
  });

  it("is resolved when the person is recorded as employed", async () => {
    const p = await shortPerson();
    const res = await json(
      await h.api.patch(
        `/api/v1/labourers/${p.labourerId}`,
        { employmentStatus: "local", employmentSince: "2026-11-25" },
        await h.as.bureau("450226"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await openAlerts(p.labourerId)).toHaveLength(0);
    const [row] = await h.deps.db
      .select()
      .from(shortageAlerts)
      .where(eq(shortageAlerts.labourerId, p.labourerId));
    expect(row!.resolution).toBe("employed");
  });
});

describe("work intention taken up", () => {
  it("starts a round when a trained person changes their intention from none", async () => {
    const p = await trained(VILLAGES.gongcheng, "450332", { workIntention: "none" });
    const first = await eventually(async () => (await roundsOf(p.labourerId))[0], 60_000, 100);
    expect(first.outcome).toBe("ineligible");
    const res = await json(
      await h.api.patch(
        "/api/v1/labourers/me",
        { workIntention: "local" },
        await asLabourer(h, p.labourerId),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rounds = await eventually(
      async () => {
        const r = await roundsOf(p.labourerId);
        return r.length === 2 ? r : undefined;
      },
      60_000,
      100,
    );
    expect(rounds[1]).toMatchObject({
      round: 2,
      trigger: "intention_changed",
      outcome: "complete",
    });
  });
});
