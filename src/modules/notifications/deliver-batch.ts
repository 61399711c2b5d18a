import type { Executor } from "../../../db/client";
import type { Deps } from "../../lib/ctx";
import { NOTIFY_BATCH_SIZE, NOTIFY_BATCH_WAIT_MS } from "../../queue/notify";
import { MicroBatcher, type Settled, settle } from "../recommendations/batcher";
import {
  type ClaimedNotification,
  claimManyForSending,
  type Finished,
  finishManyNotifications,
} from "./repo";

/**
 * Where deliver.ts claims a notification and records the provider's answer. Directly (one
 * statement each: the API's and tests' single deliveries), or batched for the notify worker: one
 * BullMQ job per notification still (its own id, retries and backoff), but the claims of the jobs
 * that arrive together are one statement, and so are their answers (docs/WECHAT.md, "Delivery in
 * batches"). The provider is still called once per notification, between the two.
 */
export interface DeliveryStore {
  claim(id: string, now: Date): Promise<ClaimedNotification | undefined>;
  finish(f: Finished): Promise<void>;
}

export const directDeliveryStore = (db: Executor): DeliveryStore => ({
  claim: async (id, now) => (await claimManyForSending(db, [{ id, now }])).get(id),
  finish: (f) => finishManyNotifications(db, [f]),
});

/** Postgres's deadlock_detected: two finish batches in different processes spent the same subscriptions. */
const isDeadlock = (err: unknown) =>
  (err as { code?: string }).code === "40P01" ||
  (err as { cause?: { code?: string } }).cause?.code === "40P01";

/**
 * One statement for the batch's answers; after a deadlock it is tried again, and if it still
 * fails each answer is written alone, so one bad row cannot lose the others' (a lost answer
 * would leave its row `sending`, and its retry would call it `unknown`).
 */
export async function finishBatch(db: Executor, items: Finished[]): Promise<Settled<void>[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      await finishManyNotifications(db, items);
      return items.map(() => ({ ok: true, value: undefined }));
    } catch (err) {
      if (isDeadlock(err) && attempt < 3) continue;
      if (items.length === 1) return [{ ok: false, error: err }];
      break;
    }
  }
  return Promise.all(items.map((f) => settle(finishManyNotifications(db, [f]))));
}

/** The notify worker's store: claims and answers in batches of the jobs that arrive together. */
export function batchedDeliveryStore(deps: Pick<Deps, "db">): DeliveryStore {
  const claims = new MicroBatcher<{ id: string; now: Date }, ClaimedNotification | undefined>({
    maxSize: NOTIFY_BATCH_SIZE,
    maxWaitMs: NOTIFY_BATCH_WAIT_MS,
    run: async (asked) => {
      const got = await claimManyForSending(deps.db, asked);
      // The same notification twice in a batch is claimed once: the second caller finds it taken.
      const seen = new Set<string>();
      return asked.map(({ id }) => {
        const first = !seen.has(id);
        seen.add(id);
        return { ok: true, value: first ? got.get(id) : undefined };
      });
    },
  });
  const answers = new MicroBatcher<Finished, void>({
    maxSize: NOTIFY_BATCH_SIZE,
    maxWaitMs: NOTIFY_BATCH_WAIT_MS,
    // One batch of answers at a time in a process: two never wait on each other's subscriptions.
    maxRunning: 1,
    run: (items) => finishBatch(deps.db, items),
  });
  return {
    claim: (id, now) => claims.submit({ id, now }),
    finish: (f) => answers.submit(f),
  };
}
