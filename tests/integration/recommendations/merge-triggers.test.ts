import { QueueEvents, type Worker } from "bullmq";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { recommendationRounds, recommendations } from "../../../db/schema/recommendations";
import { trainingEnrolments } from "../../../db/schema/training";
import { systemCtx } from "../../../src/lib/ctx";
import { createLogger } from "../../../src/lib/logger";
import { devSinkNotifier } from "../../../src/modules/notifications/notifier";
import {
  runRecommendationRound,
  runRecommendationRounds,
} from "../../../src/modules/recommendations/round";
import { recommendJobId } from "../../../src/queue/recommend";
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
let events: QueueEvents;

beforeAll(async () => {
  // Batches of one and two recommend workers: each trigger runs in its own transaction, as it
  // would in two worker processes, so only Postgres can keep the two rounds apart.
  h = await createHarness({ overrides: { notifier: sink }, env: { RECOMMEND_BATCH_SIZE: "1" } });
  relay = new OutboxRelay(h.deps, { pollMs: 200 });
  await relay.start();
  workers = [
    await startSearchSyncWorker(h.deps),
    await startRecommendWorker(h.deps),
    await startRecommendWorker(h.deps),
    startNotifyWorker(h.deps),
  ];
  events = new QueueEvents(h.deps.queues.recommend.name, {
    connection: h.deps.redis.duplicate(),
    prefix: h.deps.queues.prefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await relay?.stop();
  await events?.close();
  await Promise.all(workers.map((w) => w.close()));
  await h?.close();
});

/** Six open 育婴员 postings in 恭城, indexed before anyone passes. */
async function openHouseholdJobs() {
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
  const as = await asEmployer(h, employer.id);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
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
  await eventually(async () => {
    const res = await jobsIndex(h.deps.search).search("", {
      filter: `id IN [${ids.map((id) => JSON.stringify(id)).join(",")}]`,
    });
    return res.hits.length === ids.length;
  }, 15_000);
}

/** A labourer enrolled on `n` courses, none passed yet. */
async function enrolled(n: number) {
  const labourer = await makeLabourer(h, {
    villageCode: VILLAGES.gongcheng,
    workIntention: "local",
    contactConsent: true,
    skills: [],
  });
  const enrolments = [];
  for (let i = 0; i < n; i++) {
    const course = await makeCourse(h, {
      brandCode: "bagui-jiazheng",
      occupation: "育婴员",
      countyCode: "450332",
    });
    enrolments.push(await makeEnrolment(h, course.id, labourer.id));
  }
  return { labourer, enrolments };
}

async function pass(enrolmentId: string) {
  const res = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolmentId}/pass`,
      { certificateNo: `S-${enrolmentId.slice(0, 8)}`, resultDate: "2026-11-20" },
      await h.as.bureau("450332"),
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Waits until the round-1 job of this enrolment has finished (completed or failed for good). */
async function roundJobDone(enrolmentId: string) {
  const id = recommendJobId({ enrolmentId, round: 1 });
  const job = await eventually(() => h.deps.queues.recommend.getJob(id), 15_000);
  await job.waitUntilFinished(events, 30_000);
}

const roundsOf = (labourerId: string) =>
  h.deps.db
    .select()
    .from(recommendationRounds)
    .where(eq(recommendationRounds.labourerId, labourerId));
const pushesOf = (labourerId: string) =>
  h.deps.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.labourerId, labourerId), eq(notifications.kind, "round")));

describe("one round per labourer per trigger window", () => {
  it("two courses passed together through the API give one round and one push", async () => {
    await openHouseholdJobs();
    const {
      labourer,
      enrolments: [a, b],
    } = await enrolled(2);
    await Promise.all([pass(a!.id), pass(b!.id)]);
    await Promise.all([roundJobDone(a!.id), roundJobDone(b!.id)]);

    const passed = await h.deps.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.labourerId, labourer.id));
    expect(passed.map((e) => e.status)).toEqual(["passed", "passed"]);
    const rounds = await roundsOf(labourer.id);
    expect(rounds, JSON.stringify(rounds)).toHaveLength(1);
    const notes = await eventually(async () => {
      const rows = await pushesOf(labourer.id);
      return rows.length && rows.every((n) => n.status === "delivered") ? rows : undefined;
    }, 15_000);
    expect(notes).toHaveLength(1);
    expect(sink.sent.filter((s) => s.ref === notes[0]!.id)).toHaveLength(1);
    const recs = await h.deps.db
      .select()
      .from(recommendations)
      .where(eq(recommendations.labourerId, labourer.id));
    expect(recs.length).toBeGreaterThanOrEqual(3);
  });

  it("holds when both rounds store at once in separate transactions, and within one batch", async () => {
    await openHouseholdJobs();
    const ctx = systemCtx(h.deps);
    const apart = await enrolled(2);
    const together = await enrolled(2);
    // Passed straight in the table: no outbox event, so only these calls run rounds.
    for (const e of [...apart.enrolments, ...together.enrolments]) {
      await h.deps.db
        .update(trainingEnrolments)
        .set({ status: "passed", resultDate: "2026-11-20" })
        .where(eq(trainingEnrolments.id, e.id));
    }
    const raced = await Promise.all(
      apart.enrolments.map((e) => runRecommendationRound(ctx, { enrolmentId: e.id, round: 1 })),
    );
    const batched = await runRecommendationRounds(
      ctx,
      together.enrolments.map((e) => ({ enrolmentId: e.id, round: 1 })),
    );

    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.roundId)).size).toBe(1);
    expect(batched.every((r) => r.ok)).toBe(true);
    expect(batched.filter((r) => r.ok && r.value.created)).toHaveLength(1);
    for (const { labourer } of [apart, together]) {
      expect(await roundsOf(labourer.id)).toHaveLength(1);
      expect(await pushesOf(labourer.id)).toHaveLength(1);
    }
  });

  it("a course passed a day later (outside the window) still gets its own round and push", async () => {
    await openHouseholdJobs();
    const {
      labourer,
      enrolments: [first, later],
    } = await enrolled(2);
    await pass(first!.id);
    await roundJobDone(first!.id);
    // The first round was stored a day ago.
    await h.deps.db
      .update(recommendationRounds)
      .set({ createdAt: sql`${recommendationRounds.createdAt} - interval '25 hours'` })
      .where(eq(recommendationRounds.labourerId, labourer.id));
    await pass(later!.id);
    await roundJobDone(later!.id);

    const rounds = await roundsOf(labourer.id);
    expect(rounds.map((r) => r.enrolmentId).sort()).toEqual([first!.id, later!.id].sort());
    expect(await pushesOf(labourer.id)).toHaveLength(2);
  });
});
