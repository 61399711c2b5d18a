import { UnrecoverableError, Worker, type Job } from "bullmq";
import { systemCtx, type Deps } from "../src/lib/ctx";
import { NOTIFY_QUEUE, NotifyPayload } from "../src/queue/notify";
import { deliverNotification } from "../src/modules/recommendations/deliver";

/** Delivers one notification row; retryable provider failures throw into the job's backoff. */
export const processNotify = (deps: Deps) => async (job: Job) => {
  const parsed = NotifyPayload.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  return deliverNotification(systemCtx(deps, "notify", job.id ?? job.name), parsed.data.notificationId);
};

export function startNotifyWorker(deps: Deps): Worker {
  return new Worker(NOTIFY_QUEUE, processNotify(deps), {
    connection: deps.redis, prefix: deps.queues.prefix, concurrency: deps.config.NOTIFY_CONCURRENCY,
  });
}
