/**
 * Rounds in batches (workers/recommend.ts, round.ts runRecommendationRounds): one BullMQ job per
 * (enrolment, round) still, each answered with its own result, but run together — one
 * multi-search per rung for the whole batch and one transaction storing every round.
 */
import { randomUUID } from "node:crypto";
import { type Job, UnrecoverableError } from "bullmq";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import { outbox } from "../../../db/schema/outbox";
import { recommendationRounds, recommendations } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { ladderFor } from "../../../src/modules/matching/ladder";
import { CandidateBatchFetcher } from "../../../src/modules/recommendations/candidates";
import { loadMatchProfile } from "../../../src/modules/recommendations/profile";
import {
  PermanentRoundError,
  runRecommendationRounds,
} from "../../../src/modules/recommendations/round";
import { roundBatcher } from "../../../src/modules/recommendations/service";
import { RUN_ROUND_JOB } from "../../../src/queue/recommend";
import { processRecommend } from "../../../workers/recommend";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, inIndex, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ sync: true });
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
  const as = await asEmployer(h, employer.id);
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const job = await makeJob(
      h,
      as,
      jobBody(i % 2 ? "workshop" : "odd_job", {
        occupation: "育婴员",
        title: `育婴员（批量）${i}`,
        regionCode: "450332",
        wageUnit: "day",
        wageMinFen: 15_000,
        wageMaxFen: 20_000,
      }),
    );
    ids.push(job.id);
  }
  // The search index is shared with other work on a busy machine: allow it time, assert nothing about it.
  for (const id of ids) await eventually(() => inIndex(h, id), 60_000, 50);
  await eventually(
    async () => {
      const [row] = await h.deps.db.execute<{ n: number }>(
        sql`select count(*)::int as n from jobs where indexed_version <> version`,
      );
      return row!.n === 0;
    },
    60_000,
    100,
  );
}, 180_000);

afterAll(async () => {
  await h?.close();
});

/** A labourer in 恭城 with a 育婴员 course; passed unless `pass: false`. Returns the enrolment. */
async function enrolment(opts: { pass?: boolean; consent?: boolean } = {}) {
  const labourer = await makeLabourer(h, {
    villageCode: VILLAGES.gongcheng,
    workIntention: "local",
    contactConsent: opts.consent ?? true,
    skills: [],
  });
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    countyCode: "450332",
  });
  const e = await makeEnrolment(h, course.id, labourer.id);
  if (opts.pass !== false) {
    const res = await json(
      await h.api.post(
        `/api/v1/training/enrolments/${e.id}/pass`,
        { certificateNo: `B-${e.id.slice(0, 8)}`, resultDate: "2026-11-20" },
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return { enrolmentId: e.id as string, labourerId: labourer.id };
}

const roundsOf = (enrolmentIds: string[]) =>
  h.deps.db
    .select()
    .from(recommendationRounds)
    .where(inArray(recommendationRounds.enrolmentId, enrolmentIds));

describe("rounds in batches", () => {
  it("answers each input on its own: a permanent error fails only its input, the others are stored", async () => {
    const a = await enrolment();
    const notPassed = await enrolment({ pass: false });
    const b = await enrolment({ consent: false });
    const unknown = randomUUID();
    const results = await runRecommendationRounds(systemCtx(h.deps), [
      { enrolmentId: a.enrolmentId, round: 1 },
      { enrolmentId: notPassed.enrolmentId, round: 1 },
      { enrolmentId: b.enrolmentId, round: 1 },
      { enrolmentId: unknown, round: 1 },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false]);
    const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
    expect(errors.every((e) => e instanceof PermanentRoundError)).toBe(true);
    expect(String(errors[0])).toMatch(/has not passed/);
    expect(String(errors[1])).toMatch(/does not exist/);

    const rounds = await roundsOf([a.enrolmentId, b.enrolmentId, notPassed.enrolmentId]);
    expect(rounds.map((r) => r.enrolmentId).sort()).toEqual([a.enrolmentId, b.enrolmentId].sort());
    for (const r of rounds) {
      expect(r.outcome).toBe("complete");
      const recs = await h.deps.db
        .select()
        .from(recommendations)
        .where(eq(recommendations.roundId, r.id));
      expect(recs.length).toBeGreaterThanOrEqual(3);
      // Without consent the round is stored, its push skipped.
      expect(new Set(recs.map((x) => x.deliveryStatus))).toEqual(
        new Set([r.labourerId === b.labourerId ? "skipped" : "pending"]),
      );
    }
    const notes = await h.deps.db
      .select()
      .from(notifications)
      .where(
        inArray(
          notifications.subjectKey,
          rounds.map((r) => r.id),
        ),
      );
    expect(notes.map((n) => [n.labourerId, n.status]).sort()).toEqual(
      [
        [a.labourerId, "pending"],
        [b.labourerId, "skipped"],
      ].sort(),
    );
    const events = await h.deps.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.type, "notification.created"),
          inArray(
            outbox.aggregateId,
            notes.map((n) => n.id),
          ),
        ),
      );
    expect(events.map((e) => e.aggregateId)).toEqual([
      notes.find((n) => n.status === "pending")!.id,
    ]);
  });

  it("runs the same enrolment-round twice in one batch once: one round, one push, the repeat reports created: false", async () => {
    const e = await enrolment();
    const results = await runRecommendationRounds(systemCtx(h.deps), [
      { enrolmentId: e.enrolmentId, round: 1 },
      { enrolmentId: e.enrolmentId, round: 1 },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const [first, second] = results.map((r) => (r.ok ? r.value : null));
    expect(first).toMatchObject({ created: true });
    expect(second).toMatchObject({
      created: false,
      roundId: first!.roundId,
      picked: first!.picked,
    });
    expect(await roundsOf([e.enrolmentId])).toHaveLength(1);
    expect(
      await h.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.subjectKey, first!.roundId)),
    ).toHaveLength(1);

    // And again in a later batch: found, nothing written.
    const [again] = await runRecommendationRounds(systemCtx(h.deps), [
      { enrolmentId: e.enrolmentId, round: 1 },
    ]);
    expect(again).toEqual({ ok: true, value: { ...first, created: false } });
  });

  it("through the worker: jobs arriving together run as one batch, each job answered with its own result", async () => {
    const good = [await enrolment(), await enrolment(), await enrolment()];
    const bad = await enrolment({ pass: false });
    const batcher = roundBatcher(h.deps);
    const process = processRecommend(h.deps, batcher);
    const job = (enrolmentId: string) =>
      ({
        id: `recommend-${enrolmentId}-r1`,
        name: RUN_ROUND_JOB,
        data: { enrolmentId, round: 1 },
        timestamp: Date.now() - 1000,
        attemptsMade: 0,
      }) as unknown as Job;
    const settled = await Promise.allSettled([
      ...good.map((g) => process(job(g.enrolmentId))),
      process(job(bad.enrolmentId)),
    ]);

    expect(batcher.stats).toMatchObject({ batches: 1, inputs: 4 });
    expect(settled.slice(0, 3).map((s) => s.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    for (const s of settled.slice(0, 3))
      expect((s as PromiseFulfilledResult<unknown>).value).toMatchObject({
        created: true,
        outcome: "complete",
      });
    const rejected = settled[3] as PromiseRejectedResult;
    expect(rejected.status).toBe("rejected");
    expect(rejected.reason).toBeInstanceOf(UnrecoverableError);
    expect((await roundsOf(good.map((g) => g.enrolmentId))).length).toBe(3);
  });

  it("sends the rungs asked for in the same turn as one multi-search, each distinct filter once, and counts earlier picks of the batch toward spread", async () => {
    const e = await enrolment();
    const loaded = (await loadMatchProfile(h.deps.db, e.labourerId, h.deps.now()))!;
    const steps = ladderFor(loaded.profile);
    expect(steps.length).toBeGreaterThan(1);
    const fetcher = new CandidateBatchFetcher(h.deps, {
      since: new Date(Date.now() - 7 * 86_400_000),
    });
    // Rung 0 is the township (the postings are county-wide), rung 1 the county.
    const [x, y, z] = (
      await Promise.all([
        fetcher.fetch(steps[1]!),
        fetcher.fetch(steps[1]!),
        fetcher.fetch(steps[0]!),
      ])
    ).map((p) => p.jobs);
    expect(fetcher.stats).toEqual({ flushes: 1, queries: 2, requested: 3 });
    expect(y).toEqual(x);
    expect(x!.length).toBeGreaterThanOrEqual(z!.length);
    const picked = x![0]!;
    fetcher.recordPicks([picked.id, picked.id]);
    const later = (await fetcher.fetch(steps[1]!)).jobs;
    expect(later.find((c) => c.id === picked.id)!.pushedThisRound).toBe(picked.pushedThisRound + 2);
  });
});
