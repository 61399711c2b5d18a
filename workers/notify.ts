import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import {
  batchedDeliveryStore,
  type DeliveryStore,
} from "../src/modules/notifications/deliver-batch";
import {
  deliverNotification,
  giveUpDelivery,
  RetryableDeliveryError,
} from "../src/modules/notifications/service";
import { NOTIFY_QUEUE, NotifyPayload } from "../src/queue/notify";

/**
 * Delivers one notification row; retryable provider failures throw into the job's backoff. On
 * the last attempt the row is marked failed: BullMQ will not run the job again. The claims and
 * answers of the jobs running together go to Postgres in batches (deliver-batch.ts).
 */
export const processNotify =
  (deps: Deps, store: DeliveryStore = batchedDeliveryStore(deps)) =>
  async (job: Job) => {
    const parsed = NotifyPayload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    const ctx = systemCtx(deps, "notify", job.id ?? job.name);
    try {
      return await deliverNotification(ctx, parsed.data.notificationId, store);
    } catch (err) {
      if (
        err instanceof RetryableDeliveryError &&
        job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      ) {
        await giveUpDelivery(ctx, parsed.data.notificationId, err.message);
        throw new UnrecoverableError(
          `delivery given up after ${job.attemptsMade + 1} attempts: ${err.message}`,
        );
      }
      throw err;
    }
  };

export function startNotifyWorker(deps: Deps): Worker {
  return new Worker(NOTIFY_QUEUE, processNotify(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: deps.config.NOTIFY_CONCURRENCY,
  });
}
