import { randomUUID } from "node:crypto";
import { type Queue, QueueEvents } from "bullmq";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema/outbox";
import { addOutbox } from "../../../src/lib/outbox";
import { createRedis } from "../../../src/queue/connection";
import { closeQueues, createQueues, type Queues } from "../../../src/queue/queues";
import { RECOMMEND_QUEUE } from "../../../src/queue/recommend";
import { OutboxRelay } from "../../../workers/outbox-relay";
import { createHarness, eventually, type Harness } from "../../support/harness";

let h: Harness;
let events: QueueEvents;
const seen = { added: 0, duplicated: 0 };

beforeAll(async () => {
  h = await createHarness();
  events = new QueueEvents(RECOMMEND_QUEUE, {
    connection: createRedis(h.config.services.redisUrl),
    prefix: h.config.QUEUE_PREFIX,
  });
  events.on("added", () => {
    seen.added++;
  });
  events.on("duplicated", () => {
    seen.duplicated++;
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await h?.close();
});

// Each test starts from an empty outbox and queue: a relay drains every due row in the database.
beforeEach(async () => {
  await h.deps.db.delete(outbox);
  await h.deps.queues.recommend.obliterate({ force: true });
  seen.added = 0;
  seen.duplicated = 0;
});

const queue = () => h.deps.queues.recommend;
const jobCount = () =>
  queue().getJobCountByTypes("waiting", "delayed", "active", "completed", "failed", "prioritized");
const rowsOf = (ids: number[]) =>
  h.deps.db.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(outbox.id);

/** Commits `n` training.passed events in one business transaction; returns their row ids and enrolment ids. */
async function commitPassed(n: number) {
  const enrolments = Array.from({ length: n }, () => randomUUID());
  await h.deps.db.transaction(async (tx) => {
    await addOutbox(
      tx,
      ...enrolments.map((id) => ({ type: "training.passed" as const, aggregateId: id })),
    );
  });
  const rows = await h.deps.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(inArray(outbox.aggregateId, enrolments));
  return { ids: rows.map((r) => r.id), enrolments };
}

async function drainUntilEmpty(relay: OutboxRelay) {
  while ((await relay.drainOnce()) > 0) {
    /* next batch */
  }
}

/** A Queues whose recommend queue waits for `release()` before each add: a relay stalled mid-batch. */
function gatedQueues(): { queues: Queues; release(): void; entered: Promise<void> } {
  let release!: () => void;
  let enter!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const entered = new Promise<void>((r) => {
    enter = r;
  });
  const real = queue();
  const recommend = Object.create(real) as Queue;
  // The relay enqueues a batch with addBulk; gate both ways in.
  recommend.add = (async (...args: Parameters<Queue["add"]>) => {
    enter();
    await gate;
    return real.add(...args);
  }) as Queue["add"];
  recommend.addBulk = (async (...args: Parameters<Queue["addBulk"]>) => {
    enter();
    await gate;
    return real.addBulk(...args);
  }) as Queue["addBulk"];
  return { queues: { ...h.deps.queues, recommend }, release, entered };
}

describe("outbox relay", () => {
  it("never dispatches an event whose transaction rolled back", async () => {
    const enrolmentId = randomUUID();
    await expect(
      h.deps.db.transaction(async (tx) => {
        await addOutbox(tx, { type: "training.passed", aggregateId: enrolmentId });
        throw new Error("business rule failed after the outbox write");
      }),
    ).rejects.toThrow(/business rule/);
    const relay = new OutboxRelay(h.deps);
    expect(await relay.drainOnce()).toBe(0);
    expect(await h.deps.db.$count(outbox)).toBe(0);
    expect(await jobCount()).toBe(0);
    expect(await queue().getJob(`recommend-${enrolmentId}-r1`)).toBeUndefined();
  });

  it("dispatches a committed event once, under its deterministic job id, and stamps it", async () => {
    const {
      ids: [id],
      enrolments: [enrolmentId],
    } = await commitPassed(1);
    const relay = new OutboxRelay(h.deps);
    expect(await relay.drainOnce()).toBe(1);
    expect(await relay.drainOnce()).toBe(0);
    const job = await queue().getJob(`recommend-${enrolmentId}-r1`);
    expect(job?.data).toEqual({ enrolmentId, round: 1 });
    const [row] = await rowsOf([id!]);
    expect(row).toMatchObject({
      jobId: `recommend-${enrolmentId}-r1`,
      claimedUntil: null,
      lastError: null,
      claimedBy: relay.id,
    });
    expect(row!.publishedAt).toBeInstanceOf(Date);
    expect(relay.published).toBe(1);
    expect(await jobCount()).toBe(1);
  });

  it("delivers 300 events exactly once with two relays draining concurrently", async () => {
    const { ids, enrolments } = await commitPassed(300);
    const a = new OutboxRelay(h.deps, { batchSize: 20 });
    const b = new OutboxRelay(h.deps, { batchSize: 20 });
    await Promise.all([drainUntilEmpty(a), drainUntilEmpty(b)]);

    expect(a.published + b.published).toBe(300);
    const rows = await rowsOf(ids);
    expect(rows.filter((r) => r.publishedAt === null)).toEqual([]);
    expect(new Set(rows.map((r) => r.jobId))).toEqual(
      new Set(enrolments.map((e) => `recommend-${e}-r1`)),
    );
    expect(await jobCount()).toBe(300);
    await eventually(async () => seen.added === 300);
    expect(seen.duplicated).toBe(0);
  });

  it("lets another relay take over the rows of a relay that crashed holding a lease", async () => {
    const {
      ids: [id],
      enrolments: [enrolmentId],
    } = await commitPassed(1);
    const crashed = new OutboxRelay(h.deps);
    expect((await crashed.claim()).map((r) => r.id)).toEqual([id]);
    const survivor = new OutboxRelay(h.deps);
    expect(await survivor.drainOnce()).toBe(0); // still leased
    await h.deps.db.execute(
      sql`update outbox set claimed_until = now() - interval '1 second' where id = ${id}`,
    );
    expect(await survivor.drainOnce()).toBe(1);
    const [row] = await rowsOf([id!]);
    expect(row).toMatchObject({ claimedBy: survivor.id, jobId: `recommend-${enrolmentId}-r1` });
    expect(row!.publishedAt).toBeInstanceOf(Date);
    expect(await jobCount()).toBe(1);
  });

  it("does not duplicate the job when a stalled relay wakes after its lease was taken over", async () => {
    const {
      ids: [id],
      enrolments: [enrolmentId],
    } = await commitPassed(1);
    const gated = gatedQueues();
    const stalled = new OutboxRelay({ ...h.deps, queues: gated.queues });
    const stalledDrain = stalled.drainOnce();
    await gated.entered; // claimed and about to enqueue
    await h.deps.db.execute(
      sql`update outbox set claimed_until = now() - interval '1 second' where id = ${id}`,
    );
    const survivor = new OutboxRelay(h.deps);
    expect(await survivor.drainOnce()).toBe(1);
    gated.release();
    await stalledDrain;

    expect(await jobCount()).toBe(1);
    expect(await queue().getJob(`recommend-${enrolmentId}-r1`)).toBeDefined();
    await eventually(async () => seen.duplicated === 1); // the stalled relay's add, dropped by BullMQ
    expect(seen.added).toBe(1);
    expect(survivor.published).toBe(1);
    expect(stalled.published).toBe(0);
    const [row] = await rowsOf([id!]);
    expect(row!.claimedBy).toBe(survivor.id);
    expect(row!.publishedAt).toBeInstanceOf(Date);
  });

  it("backs off after an enqueue failure and delivers once the queue works again", async () => {
    const {
      ids: [id],
      enrolments: [enrolmentId],
    } = await commitPassed(1);
    const deadRedis = createRedis(h.config.services.redisUrl);
    await deadRedis.ping();
    deadRedis.disconnect();
    const deadQueues = createQueues(deadRedis, h.config.QUEUE_PREFIX);
    for (const q of deadQueues.all()) q.on("error", () => {});
    const broken = new OutboxRelay({ ...h.deps, queues: deadQueues });
    expect(await broken.drainOnce()).toBe(1);
    const [failed] = await rowsOf([id!]);
    expect(failed).toMatchObject({ attempts: 1, publishedAt: null, claimedUntil: null });
    expect(failed!.lastError).toMatch(/closed/i);
    const due = await h.deps.db.execute<{ later: boolean }>(
      sql`select available_at > now() as later from outbox where id = ${id}`,
    );
    expect(due[0]?.later).toBe(true);
    expect(await broken.drainOnce()).toBe(0); // not due yet
    await closeQueues(deadQueues).catch(() => {});

    const healthy = new OutboxRelay(h.deps, { pollMs: 100 });
    await healthy.start();
    try {
      const row = await eventually(async () =>
        (await rowsOf([id!])).find((r) => r.publishedAt !== null),
      );
      expect(row).toMatchObject({
        attempts: 1,
        lastError: null,
        jobId: `recommend-${enrolmentId}-r1`,
      });
    } finally {
      await healthy.stop();
    }
    expect(await jobCount()).toBe(1);
  });

  it("parks an event of an unknown type, and only the bad row of a batch with an invalid payload", async () => {
    await h.deps.db.insert(outbox).values({ type: "no.such-event", aggregateId: "x" });
    const good = randomUUID();
    await h.deps.db.transaction(async (tx) => {
      await addOutbox(
        tx,
        { type: "training.passed", aggregateId: "not-a-uuid" },
        { type: "training.passed", aggregateId: good },
      );
    });
    const relay = new OutboxRelay(h.deps);
    expect(await relay.drainOnce()).toBe(3);
    expect(await relay.drainOnce()).toBe(0);

    const rows = await h.deps.db.select().from(outbox).orderBy(outbox.id);
    const byAggregate = new Map(rows.map((r) => [r.aggregateId, r]));
    expect(byAggregate.get("x")!.lastError).toMatch(/no route.*no\.such-event/);
    expect(byAggregate.get("not-a-uuid")!.lastError).toMatch(/invalid outbox payload/);
    const parked = await h.deps.db.execute<{ aggregate_id: string }>(
      sql`select aggregate_id from outbox where available_at = 'infinity' and published_at is null order by aggregate_id`,
    );
    expect(parked.map((r) => r.aggregate_id)).toEqual(["not-a-uuid", "x"]);
    expect(byAggregate.get(good)!.publishedAt).toBeInstanceOf(Date);
    expect(await queue().getJob(`recommend-${good}-r1`)).toBeDefined();
  });

  it("claims pushes before a backlog of rounds, and enqueues a batch in one go under each row's own job id", async () => {
    const { ids: passedIds } = await commitPassed(5);
    const notificationIds = [randomUUID(), randomUUID()];
    await h.deps.db.transaction((tx) =>
      addOutbox(
        tx,
        ...notificationIds.map((id) => ({
          type: "notification.created" as const,
          aggregateId: id,
        })),
      ),
    );
    try {
      const relay = new OutboxRelay(h.deps, { batchSize: 3 });
      expect(await relay.drainOnce()).toBe(3);
      // Both pushes went out with the first batch although five older rows were waiting.
      for (const id of notificationIds)
        expect(await h.deps.queues.notify.getJob(`notify-${id}`)).toBeDefined();
      const published = (await h.deps.db.select().from(outbox).orderBy(outbox.id)).filter(
        (r) => r.publishedAt !== null,
      );
      expect(published.map((r) => r.type).sort()).toEqual([
        "notification.created",
        "notification.created",
        "training.passed",
      ]);
      expect(published.find((r) => r.type === "training.passed")!.id).toBe(Math.min(...passedIds));
      for (const r of published)
        expect(r.jobId).toBe(
          r.type === "training.passed"
            ? `recommend-${r.aggregateId}-r1`
            : `notify-${r.aggregateId}`,
        );
      await drainUntilEmpty(relay);
      expect(relay.published).toBe(7);
      expect(await jobCount()).toBe(5);
    } finally {
      await h.deps.queues.notify.obliterate({ force: true });
    }
  });

  it("wakes on NOTIFY: a committed event is dispatched without waiting for the poll", async () => {
    const {
      ids: [first],
    } = await commitPassed(1);
    const relay = new OutboxRelay(h.deps, { pollMs: 10 * 60_000 });
    await relay.start();
    try {
      // The start-up drain takes the first row; the next poll is ten minutes away, so only the
      // NOTIFY sent on commit can deliver the second.
      await eventually(async () => (await rowsOf([first!]))[0]!.publishedAt !== null);
      const {
        ids: [id],
        enrolments: [enrolmentId],
      } = await commitPassed(1);
      await eventually(async () => (await rowsOf([id!]))[0]!.publishedAt !== null);
      expect(await queue().getJob(`recommend-${enrolmentId}-r1`)).toBeDefined();
    } finally {
      await relay.stop();
    }
  });
});
