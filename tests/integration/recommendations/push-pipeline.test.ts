import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { recommendations, shortageAlerts } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { createLogger } from "../../../src/lib/logger";
import { addOutbox } from "../../../src/lib/outbox";
import { devSinkNotifier } from "../../../src/modules/notifications/notifier";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { jobsIndex } from "../../../src/search/jobs-index";
import { startNotifyWorker } from "../../../workers/notify";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { startRecommendWorker } from "../../../workers/recommend";
import { startSearchSyncWorker } from "../../../workers/search-sync";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

const sink = devSinkNotifier(createLogger("silent"));
let h: Harness;
let workers: Worker[] = [];
let relay: OutboxRelay;

beforeAll(async () => {
  h = await createHarness({ overrides: { notifier: sink } });
  relay = new OutboxRelay(h.deps, { pollMs: 200 });
  await relay.start();
  workers = [
    await startSearchSyncWorker(h.deps),
    await startRecommendWorker(h.deps),
    startNotifyWorker(h.deps),
  ];
});
afterAll(async () => {
  await relay?.stop();
  await Promise.all(workers.map((w) => w.close()));
  await h?.close();
});

/** Three open workshop and odd-job postings for 家政 work in 恭城, indexed. */
async function openHouseholdJobs(n: number) {
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
  const as = await asEmployer(h, employer.id);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const job = await makeJob(
      h,
      as,
      jobBody(i % 2 ? "workshop" : "odd_job", {
        occupation: "育婴员",
        title: `育婴员 ${i}`,
        regionCode: "450332",
        wageUnit: "day",
        wageMinFen: 15_000,
        wageMaxFen: 20_000,
      }),
    );
    ids.push(job.id);
  }
  // Matching reads the index: wait until every posting is searchable before anyone passes training.
  await eventually(async () => {
    const res = await jobsIndex(h.deps.search).search("", {
      filter: `id IN [${ids.map((id) => JSON.stringify(id)).join(",")}]`,
    });
    return res.hits.length === ids.length;
  }, 10_000);
  return ids;
}

async function passTraining(labourer: { id: string }) {
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    countyCode: "450332",
  });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const res = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S${Date.now()}`, resultDate: "2026-11-20" },
      await h.as.bureau("450332"),
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return enrolment;
}

describe("trained worker → at least three pushes", () => {
  it("stores three or more suitable recommendations with reasons and delivers one push", async () => {
    const jobIds = [
      ...(await openHouseholdJobs(2)),
      ...(await openHouseholdJobs(2)),
      ...(await openHouseholdJobs(2)),
    ];
    const labourer = await makeLabourer(h, {
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      contactConsent: true,
      skills: [],
    });
    await passTraining(labourer);

    const staff = await h.as.bureau("450332");
    const rounds = await eventually(async () => {
      const res = await json(
        await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, staff),
      );
      return res.body.rounds?.[0]?.items?.length &&
        res.body.rounds[0].items.every(
          (i: { deliveryStatus: string }) => i.deliveryStatus === "delivered",
        )
        ? res.body.rounds
        : undefined;
    }, 15_000);
    const items = rounds[0].items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(5);
    for (const item of items) {
      expect(jobIds).toContain(item.job.id);
      expect(item.reason).toMatch(/[\u4e00-\u9fa5]/);
      expect(Object.keys(item.scoreParts).sort()).toEqual([
        "capacity",
        "certificate",
        "distance",
        "freshness",
        "priority",
        "skill",
        "wage",
      ]);
    }
    expect(rounds[0].outcome).toBe("complete");
    expect(sink.sent.filter((s) => s.text.includes(items[0].job.title))).toHaveLength(1);
  });

  it("running the same event twice changes nothing: no second round, no second push", async () => {
    await openHouseholdJobs(2);
    await openHouseholdJobs(2);
    const labourer = await makeLabourer(h, {
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      contactConsent: true,
    });
    const enrolment = await passTraining(labourer);
    const [note] = await eventually(async () => {
      const rows = await h.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.labourerId, labourer.id));
      return rows[0]?.status === "delivered" ? rows : undefined;
    }, 15_000);
    const before = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.labourerId, labourer.id));
    const pushesBefore = sink.sent.filter((s) => s.ref === note!.id).length;

    await h.deps.db.transaction((tx) =>
      addOutbox(tx, { type: "training.passed", aggregateId: enrolment.id }),
    );
    const again = await runRecommendationRound(systemCtx(h.deps), {
      enrolmentId: enrolment.id,
      round: 1,
    });
    await relay.drainOnce();

    expect(again.created).toBe(false);
    const after = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.labourerId, labourer.id));
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(sink.sent.filter((s) => s.ref === note!.id).length).toBe(pushesBefore);
    expect(pushesBefore).toBe(1);
  });

  it("raises a shortage alert instead of padding when fewer than three suitable jobs exist", async () => {
    const labourer = await makeLabourer(h, {
      villageCode: VILLAGES.rongshui,
      workIntention: "local",
      occupations: ["导游"],
      skills: [],
      contactConsent: true,
    });
    const course = await makeCourse(h, {
      brandCode: "lijiang-daoyou",
      occupation: "导游",
      countyCode: "450225",
    });
    const enrolment = await makeEnrolment(h, course.id, labourer.id);
    const passed = await json(
      await h.api.post(
        `/api/v1/training/enrolments/${enrolment.id}/pass`,
        { certificateNo: "S-LJ-1", resultDate: "2026-11-20" },
        await h.as.bureau("450225"),
      ),
    );
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);

    const alert = await eventually(async () => {
      const [a] = await h.deps.db
        .select()
        .from(shortageAlerts)
        .where(eq(shortageAlerts.labourerId, labourer.id));
      return a;
    }, 15_000);
    expect(alert.countyCode).toBe("450225");
    expect(alert.missing).toBeGreaterThan(0);
    expect(alert.stepsTried.length).toBeGreaterThan(1);

    const listed = await json(
      await h.api.get("/api/v1/shortage-alerts?region=450225", await h.as.bureau("450225")),
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((i: { labourerId: string }) => i.labourerId)).toContain(
      labourer.id,
    );
    const elsewhere = await json(
      await h.api.get("/api/v1/shortage-alerts", await h.as.bureau("450332")),
    );
    expect(elsewhere.body.items.map((i: { labourerId: string }) => i.labourerId)).not.toContain(
      labourer.id,
    );
    const stored = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.labourerId, labourer.id));
    expect(stored.length).toBeLessThan(3);
  });
});

describe("feedback and reruns", () => {
  it("records a decline with its reason, and the next round never repeats the declined job", async () => {
    for (let i = 0; i < 4; i++) await openHouseholdJobs(2);
    const labourer = await makeLabourer(h, {
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
      contactConsent: false,
    });
    await passTraining(labourer);
    const staff = await h.as.bureau("450332");
    const first = await eventually(
      async () =>
        (await json(await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, staff)))
          .body.rounds?.[0],
    );
    expect(
      first.items.every((i: { deliveryStatus: string }) => i.deliveryStatus === "skipped"),
    ).toBe(true);
    const declined = first.items[0];
    const fb = await json(
      await h.api.post(
        `/api/v1/recommendations/${declined.id}/feedback`,
        { action: "declined", reason: "too_far" },
        staff,
      ),
    );
    expect(fb.status, JSON.stringify(fb.body)).toBe(200);
    expect(fb.body).toMatchObject({ feedback: "declined", declineReason: "too_far" });

    const rerun = await json(
      await h.api.post(`/api/v1/labourers/${labourer.id}/recommendations/rerun`, {}, staff),
    );
    expect(rerun.status, JSON.stringify(rerun.body)).toBe(202);
    expect(rerun.body.round).toBe(2);
    const second = await eventually(async () => {
      const rounds = (
        await json(await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, staff))
      ).body.rounds;
      return rounds?.length === 2 ? rounds[0] : undefined;
    }, 15_000);
    expect(second.round).toBe(2);
    expect(second.items.map((i: { job: { id: string } }) => i.job.id)).not.toContain(
      declined.job.id,
    );
  });

  it("keeps another county's labourer out of reach (404), and bad feedback is a 400 naming the field", async () => {
    const labourer = await makeLabourer(h, {
      villageCode: VILLAGES.gongcheng,
      workIntention: "local",
    });
    const other = await h.as.bureau("450225");
    const res = await json(
      await h.api.get(`/api/v1/labourers/${labourer.id}/recommendations`, other),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("LABOURER_NOT_FOUND");
    const rerun = await json(
      await h.api.post(
        `/api/v1/labourers/${labourer.id}/recommendations/rerun`,
        {},
        await h.as.bureau("450332"),
      ),
    );
    expect(rerun.status).toBe(409);
    expect(rerun.body.error.code).toBe("LABOURER_NOT_TRAINED");
    const bad = await json(
      await h.api.post(
        `/api/v1/recommendations/${labourer.id}/feedback`,
        { action: "declined" },
        await h.as.admin(),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
  });
});
