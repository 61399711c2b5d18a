/**
 * Fault test (issue 6, "Done when"): 1,000 labourers pass at once, the worker process is killed
 * with SIGKILL mid-batch and restarted. Afterwards every one of them has a round with ≥ 3
 * recommendations or a shortage alert, no round was stored twice, and nobody got two pushes for
 * the same round — checked at the fake WeChat server, which counts what it received per person.
 *
 * The workers run in a child process (`scripts/worker.ts`, as deployed), so the kill is real: no
 * `finally`, no graceful close, BullMQ locks left to expire. Rows are seeded straight into the
 * tables (the API would take longer than the pipeline under test).
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { type Job, UnrecoverableError } from "bullmq";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { labourers } from "../../../db/schema/labourers";
import { notifications, wechatSubscriptions } from "../../../db/schema/notifications";
import { regions } from "../../../db/schema/regions";
import { trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { maskIdNumber, maskPhone } from "../../../src/lib/crypto";
import { idCheckChar } from "../../../src/lib/id-number";
import { addOutbox } from "../../../src/lib/outbox";
import { failed, type Notifier } from "../../../src/modules/notifications/notifier";
import { RetryableDeliveryError } from "../../../src/modules/notifications/service";
import { notifyJobOptions } from "../../../src/queue/notify";
import { jobsIndex } from "../../../src/search/jobs-index";
import { syncJobsToIndex } from "../../../src/search/jobs-sync";
import { processNotify } from "../../../workers/notify";
import { createHarness, eventually, type Harness } from "../../support/harness";
import { type CountingWechat, countingWechat } from "./fakes-wechat-counting";
import { startWorkerProcess, withTimeout, workerEnv } from "./worker-process";

const LABOURERS = 1_000;
const POSTINGS = 40;
const APP = {
  id: "wx-fault-kill",
  secret: "fault-kill-secret",
  template: "TPL-JOB-RECOMMENDATION",
};
/** Slow enough that a kill lands with sends in flight, fast enough that 1,000 take seconds. */
const WECHAT_DELAY_MS = 30;
/** Kill once this many rounds are stored and this many pushes sent: mid-batch on both queues. */
const KILL_AFTER = { rounds: 150, sends: 10 };
/** 恭城 (two townships) for the people and most postings; 平乐, same city, for the rest. */
const PLACES = ["450332102", "450332100", "450330"] as const;
const VILLAGES = ["450332102201", "450332100201"] as const;
const OCCUPATIONS = ["家政服务员", "育婴员", "养老护理员", "保洁员"] as const;
const CHANNELS = [
  { channel: "workshop", employerType: "workshop" },
  { channel: "odd_job", employerType: "individual" },
  { channel: "public_welfare", employerType: "public_welfare" },
] as const;

let h: Harness;
let wechat: CountingWechat;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await createHarness();
  wechat = await countingWechat({ appId: APP.id, appSecret: APP.secret, delayMs: WECHAT_DELAY_MS });
  await seedPostings();
  await seedLabourers();
}, 120_000);

afterAll(async () => {
  // Only processes this file started, by their own pid.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await wechat?.close();
  if (h) {
    // The WeChat token cache and rate-limit buckets sit beside the queues under the same prefix.
    const keys = [
      ...(await h.deps.redis.keys(`${h.config.QUEUE_PREFIX}:wechat:*`)),
      ...(await h.deps.redis.keys(`${h.config.QUEUE_PREFIX}:notify-rate:*`)),
    ];
    if (keys.length) await h.deps.redis.del(...keys);
  }
  await h?.close();
});

describe("SIGKILL mid-batch", () => {
  it("leaves every one of 1,000 passed labourers with ≥ 3 recommendations or an alert, and nobody with two pushes", async () => {
    const first = startWorker();
    await first.ready;
    const enrolmentIds = await passAllAtOnce();
    expect(enrolmentIds).toHaveLength(LABOURERS);

    const atKill = await eventually(
      async () => {
        const s = await progress();
        return s.rounds >= KILL_AFTER.rounds && wechat.sends >= KILL_AFTER.sends ? s : undefined;
      },
      90_000,
      100,
    );
    first.child.kill("SIGKILL");
    const gone = await first.exited;
    expect(gone.signal).toBe("SIGKILL");
    expect(() => process.kill(first.child.pid!, 0)).toThrow(
      expect.objectContaining({ code: "ESRCH" }),
    );
    const afterKill = { ...(await progress()), sends: wechat.sends };
    // Mid-batch: rounds still to store or pushes still to send (the relay lags the rounds under load).
    expect(
      afterKill.rounds < LABOURERS || afterKill.pending + afterKill.sending > 0,
      JSON.stringify(afterKill),
    ).toBe(true);

    const second = startWorker();
    await second.ready;
    // Jobs the dead process held come back once their BullMQ locks expire (30 s) and a stalled
    // check runs (every 30 s): up to a minute of nothing, then the rest.
    await eventually(
      async () => {
        const s = await progress();
        return s.rounds === LABOURERS && s.pending + s.sending === 0;
      },
      180_000,
      250,
    );
    second.child.kill("SIGTERM");
    const stopped = await withTimeout(
      second.exited,
      30_000,
      "worker process did not stop on SIGTERM",
    );
    expect(stopped.code, second.output()).toBe(0);

    // No round stored twice (the unique key holds it; this checks nothing went around it).
    const rounds = await h.deps.db.execute<{
      labourer_id: string;
      picked: number;
      recs: number;
      alert: boolean;
    }>(sql`
      select r.labourer_id, r.picked,
        (select count(*)::int from recommendations x where x.round_id = r.id) as recs,
        exists (select 1 from shortage_alerts a where a.round_id = r.id) as alert
      from recommendation_rounds r`);
    expect(rounds.length).toBe(LABOURERS);
    expect(new Set(rounds.map((r) => r.labourer_id)).size).toBe(LABOURERS);
    const dupRecs = await h.deps.db.execute(sql`
      select labourer_id, job_id, round from recommendations group by 1, 2, 3 having count(*) > 1`);
    expect(dupRecs.length).toBe(0);

    // The guarantee: ≥ 3 stored recommendations, or a shortage alert — never neither.
    const unserved = rounds.filter((r) => r.recs < 3 && !r.alert);
    expect(unserved, JSON.stringify(unserved.slice(0, 5))).toEqual([]);
    expect(rounds.every((r) => r.recs === r.picked)).toBe(true);

    // Delivery: each round's push is delivered, or `unknown` (a send the kill interrupted, never retried).
    const notes = await h.deps.db
      .select({
        status: notifications.status,
        openid: labourers.wechatOpenid,
        kind: notifications.kind,
      })
      .from(notifications)
      .innerJoin(labourers, eq(labourers.id, notifications.labourerId));
    const byStatus = countBy(notes.map((n) => n.status));
    expect(notes.length).toBe(rounds.filter((r) => r.picked > 0).length);
    expect(notes.every((n) => n.kind === "round")).toBe(true);
    expect(
      Object.keys(byStatus).filter((s) => s !== "delivered" && s !== "unknown"),
      JSON.stringify(byStatus),
    ).toEqual([]);

    // At the provider: nobody received two messages (each person has exactly one round here, so
    // per recipient is per round); every `delivered` arrived exactly once, an `unknown` at most once.
    expect(wechat.duplicates()).toEqual([]);
    for (const n of notes) {
      const got = wechat.perRecipient.get(n.openid!) ?? 0;
      if (n.status === "delivered") expect(got, `delivered push to ${n.openid}`).toBe(1);
      else expect(got).toBeLessThanOrEqual(1);
    }
    const unknown = byStatus.unknown ?? 0;
    expect(wechat.sends).toBeGreaterThanOrEqual(byStatus.delivered ?? 0);
    expect(wechat.sends).toBeLessThanOrEqual((byStatus.delivered ?? 0) + unknown);

    const alerts = rounds.filter((r) => r.alert).length;
    console.log(
      `fault-kill: killed at ${afterKill.rounds} rounds / ${afterKill.sends} sends (${atKill.sending} sending, ${afterKill.pending} pending); ` +
        `final: ${rounds.length} rounds, ${alerts} shortage alerts, ${byStatus.delivered ?? 0} delivered, ` +
        `${unknown} unknown (crash window, of which ${unknown - (wechat.sends - (byStatus.delivered ?? 0))} never reached WeChat), ` +
        `${wechat.sends} sends, ${wechat.tokenFetches} token fetch(es)`,
    );
  }, 330_000);
});

describe("a provider busy through every retry", () => {
  it("ends the push `failed` on the job's last attempt, not `pending` with no job left to send it", async () => {
    const busy: Notifier = {
      provider: "wechat",
      send: async () => failed("wechat", "-1", "system busy", true),
    };
    const [n] = await h.deps.db
      .insert(notifications)
      .values({
        kind: "round",
        subjectKey: randomUUID(),
        status: "pending",
        content: { text: "岗通为您推荐了 3 个岗位", jobIds: [] },
      })
      .returning({ id: notifications.id });
    const attempt = (attemptsMade: number) =>
      processNotify({ ...h.deps, notifier: busy })({
        id: `notify-${n!.id}`,
        name: "deliver",
        data: { notificationId: n!.id },
        attemptsMade,
        opts: notifyJobOptions,
      } as unknown as Job);
    const statusNow = async () =>
      (await h.deps.db.select().from(notifications).where(eq(notifications.id, n!.id)))[0]!;

    await expect(attempt(0)).rejects.toBeInstanceOf(RetryableDeliveryError);
    expect((await statusNow()).status).toBe("pending");
    await expect(attempt(notifyJobOptions.attempts! - 1)).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    const row = await statusNow();
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/retries exhausted/);
  });
});

// ---------------------------------------------------------------- the worker process

const startWorker = () =>
  startWorkerProcess(
    workerEnv(h, {
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APP_ID: APP.id,
      WECHAT_APP_SECRET: APP.secret,
      WECHAT_TEMPLATE_JOB_RECOMMENDATION: APP.template,
    }),
    children,
  );

async function progress() {
  const [row] = await h.deps.db.execute<{ rounds: number; pending: number; sending: number }>(sql`
    select (select count(*)::int from recommendation_rounds) as rounds,
      (select count(*)::int from notifications where status = 'pending') as pending,
      (select count(*)::int from notifications where status = 'sending') as sending`);
  return row!;
}

const countBy = (xs: string[]) =>
  xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

// ---------------------------------------------------------------- seeding

/** Verified employers per channel and 40 open 家政 postings in 恭城 and 平乐, in the index. */
async function seedPostings() {
  const db = h.deps.db;
  const names = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...PLACES]));
  const placeName = new Map(names.map((r) => [r.code, r.name]));
  const emps = await db
    .insert(employers)
    .values(
      CHANNELS.map((c, i) => ({
        name: `恭城测试用工单位${i + 1}`,
        type: c.employerType,
        regionCode: "450332",
        contactName: "黄秀英",
        verificationStatus: "verified" as const,
        verifiedAt: new Date(),
        ...(c.employerType === "workshop"
          ? { workshopCertificateNo: "GC-FK-1", workshopCertifiedBy: "450332" }
          : {}),
      })),
    )
    .returning({ id: employers.id });
  const now = Date.now();
  const phone = "13900001111";
  const rows = Array.from({ length: POSTINGS }, (_, i) => {
    const c = CHANNELS[i % CHANNELS.length]!;
    // Public-welfare posts stay in the home county; 平乐 gets a workshop or an odd job.
    const place = i % 5 === 4 && c.channel !== "public_welfare" ? PLACES[2] : PLACES[i % 2]!;
    return {
      employerId: emps[i % CHANNELS.length]!.id,
      channel: c.channel,
      status: "open" as const,
      title: `${OCCUPATIONS[i % OCCUPATIONS.length]}（第 ${i + 1} 岗）`,
      occupation: OCCUPATIONS[i % OCCUPATIONS.length]!,
      // Spread: 40 postings × 40 × 5 people per round ≥ 5 picks for each of 1,000 people.
      headcount: 40,
      wageMinFen: 12_000 + (i % 7) * 1_000,
      wageMaxFen: 18_000 + (i % 7) * 1_000,
      wageUnit: "day" as const,
      regionCode: place,
      placeName: placeName.get(place) ?? place,
      employerRegionCode: "450332",
      ageMin: 16,
      ageMax: 65,
      contactName: "王经理",
      contactPhoneEnc: h.deps.pii.encrypt(phone),
      contactPhoneMasked: maskPhone(phone),
      postedAt: new Date(now - i * 60_000),
      expiresAt: new Date(now + 30 * 86_400_000),
    };
  });
  const ids = (await db.insert(jobs).values(rows).returning({ id: jobs.id })).map((r) => r.id);
  await syncJobsToIndex(h.deps, ids);
  await eventually(
    async () =>
      (await jobsIndex(h.deps.search).search("", { filter: `status = "open"`, limit: 0 }))
        .estimatedTotalHits === POSTINGS,
    30_000,
  );
}

/** 1,000 local-work labourers with WeChat bound and consent, one 八桂家政 course, 1,000 enrolments. */
async function seedLabourers() {
  const db = h.deps.db;
  const people = Array.from({ length: LABOURERS }, (_, i) => {
    const year = 1970 + (i % 30);
    const first17 = `450332${year}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, "0")}`;
    const idNumber = first17 + idCheckChar(first17);
    const phone = `138${String(10_000_000 + i).padStart(8, "0")}`;
    return {
      name: `测试劳动力${i + 1}`,
      idNumberEnc: h.deps.pii.encrypt(idNumber),
      idNumberHash: h.deps.pii.hash("id", idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      sex: Number(first17[16]) % 2 === 1 ? ("male" as const) : ("female" as const),
      birthDate: `${year}-0${1 + (i % 9)}-1${i % 10}`,
      phoneEnc: h.deps.pii.encrypt(phone),
      phoneHash: h.deps.pii.hash("phone", phone),
      phoneMasked: maskPhone(phone),
      personType: "tuopin" as const,
      labourCapacity: "full" as const,
      workIntention: "local" as const,
      villageCode: VILLAGES[i % VILLAGES.length]!,
      wechatOpenid: `o-fault-kill-${String(i).padStart(4, "0")}`,
      contactConsent: true,
      consentAt: new Date(),
    };
  });
  const ids = (await db.insert(labourers).values(people).returning({ id: labourers.id })).map(
    (r) => r.id,
  );
  // Each allowed the push from the H5 page's 订阅 button (docs/WECHAT.md): WeChat may carry it.
  await db
    .insert(wechatSubscriptions)
    .values(
      people.map((p) => ({ openid: p.wechatOpenid, templateId: APP.template, remaining: 1 })),
    );
  const [course] = await db
    .insert(trainingCourses)
    .values({
      brandCode: "bagui-jiazheng",
      occupation: "家政服务员",
      title: "恭城县八桂家政（家政服务员）订单培训班（故障测试）",
      provider: "恭城瑶族自治县职业技术学校",
      startDate: "2026-10-01",
      endDate: "2026-10-20",
      countyCode: "450332",
      capacity: LABOURERS,
    })
    .returning({ id: trainingCourses.id });
  courseId = course!.id;
  await db.insert(trainingEnrolments).values(ids.map((labourerId) => ({ courseId, labourerId })));
}

let courseId = "";

/** 培训合格 for the whole course in one transaction, one `training.passed` event each: "pass at once". */
async function passAllAtOnce(): Promise<string[]> {
  return h.deps.db.transaction(async (tx) => {
    const now = new Date();
    const passed = await tx
      .update(trainingEnrolments)
      .set({
        status: "passed",
        certificateNo: sql`'BGJZ-' || left(${trainingEnrolments.id}::text, 8)`,
        resultDate: "2026-10-20",
        resultRecordedAt: now,
        updatedAt: now,
      })
      .where(eq(trainingEnrolments.courseId, courseId))
      .returning({ id: trainingEnrolments.id });
    await addOutbox(
      tx,
      ...passed.map((e) => ({ type: "training.passed" as const, aggregateId: e.id })),
    );
    return passed.map((e) => e.id);
  });
}
