import { type Job, UnrecoverableError, Worker } from "bullmq";
import { type Deps, systemCtx } from "../src/lib/ctx";
import { checkClaim } from "../src/modules/subsidies/check";
import { proposeForEmployment } from "../src/modules/subsidies/service";
import {
  CHECK_JOB,
  CheckPayload,
  PROPOSE_JOB,
  ProposePayload,
  SUBSIDY_QUEUE,
} from "../src/queue/subsidy";

/**
 * The subsidy queue: proposals for confirmed employments outside Guangxi (免申即享) and the
 * automatic check of submitted claims. Each job re-parses its payload and calls one service;
 * both services are idempotent, so a repeated job changes nothing.
 */
export const processSubsidy = (deps: Deps) => async (job: Job) => {
  const ctx = systemCtx(deps, "subsidy", job.id ?? job.name);
  if (job.name === PROPOSE_JOB) {
    const p = ProposePayload.safeParse(job.data);
    if (!p.success) throw new UnrecoverableError(`invalid payload: ${p.error.message}`);
    return proposeForEmployment(ctx, p.data.employmentId);
  }
  if (job.name === CHECK_JOB) {
    const p = CheckPayload.safeParse(job.data);
    if (!p.success) throw new UnrecoverableError(`invalid payload: ${p.error.message}`);
    return checkClaim(ctx, p.data.claimId, p.data.submission);
  }
  throw new UnrecoverableError(`unknown job ${job.name}`);
};

export function startSubsidyWorker(deps: Deps): Worker {
  return new Worker(SUBSIDY_QUEUE, processSubsidy(deps), {
    connection: deps.redis,
    prefix: deps.queues.prefix,
    concurrency: 4,
  });
}
