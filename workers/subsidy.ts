import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Deps } from "../src/lib/ctx";
import { type SubsidyBatchers, subsidyBatchers } from "../src/modules/subsidies/batcher";
import {
  CHECK_JOB,
  CheckPayload,
  PROPOSE_JOB,
  ProposePayload,
  SUBSIDY_CONCURRENCY,
  SUBSIDY_QUEUE,
} from "../src/queue/subsidy";

/**
 * The subsidy queue: proposals for confirmed employments outside Guangxi (免申即享) and the
 * automatic check of submitted claims. One BullMQ job per employment or submission (deterministic
 * id, its own retries), but the processor only hands its payload to a batcher
 * (subsidies/batcher.ts): the jobs that arrive together run as one set-based transaction and each
 * job is answered with its own result. Both are idempotent, so a repeated job changes nothing.
 */
export const processSubsidy =
  (deps: Deps, batchers: SubsidyBatchers = subsidyBatchers(deps)) =>
  async (job: Job) => {
    if (job.name === PROPOSE_JOB) {
      const p = ProposePayload.safeParse(job.data);
      if (!p.success) throw new UnrecoverableError(`invalid payload: ${p.error.message}`);
      return batchers.propose.submit(p.data.employmentId);
    }
    if (job.name === CHECK_JOB) {
      const p = CheckPayload.safeParse(job.data);
      if (!p.success) throw new UnrecoverableError(`invalid payload: ${p.error.message}`);
      return batchers.check.submit(p.data);
    }
    throw new UnrecoverableError(`unknown job ${job.name}`);
  };

export function startSubsidyWorker(deps: Deps): Worker {
  return new Worker(SUBSIDY_QUEUE, processSubsidy(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: SUBSIDY_CONCURRENCY,
  });
}
