import { type Deps, systemCtx } from "../../lib/ctx";
import { SUBSIDY_BATCH_SIZE, SUBSIDY_BATCH_WAIT_MS } from "../../queue/subsidy";
import { MicroBatcher } from "../recommendations/batcher";
import { type CheckInput, type CheckResult, checkBatch } from "./check-batch";
import { type ProposeResult, proposeBatch } from "./propose-batch";

/**
 * The subsidy worker's two batchers: proposals (employment ids) and checks (claim, submission).
 * A batch that throws (a deadlock, Postgres away) rejects every job in it; each job retries on
 * its own and lands in a later batch, where the unique indexes and the status guards make the
 * rerun insert and change nothing already done.
 */
export interface SubsidyBatchers {
  propose: MicroBatcher<string, ProposeResult[]>;
  check: MicroBatcher<CheckInput, CheckResult>;
}

const ok = <T>(values: T[]) => values.map((value) => ({ ok: true as const, value }));

export function subsidyBatchers(deps: Deps): SubsidyBatchers {
  return {
    propose: new MicroBatcher({
      maxSize: SUBSIDY_BATCH_SIZE,
      maxWaitMs: SUBSIDY_BATCH_WAIT_MS,
      maxRunning: 1,
      run: async (ids) =>
        ok(await proposeBatch(systemCtx(deps, "subsidy", `subsidy-propose-${ids.length}`), ids)),
    }),
    check: new MicroBatcher({
      maxSize: SUBSIDY_BATCH_SIZE,
      maxWaitMs: SUBSIDY_BATCH_WAIT_MS,
      maxRunning: 1,
      run: async (inputs) =>
        ok(await checkBatch(systemCtx(deps, "subsidy", `subsidy-check-${inputs.length}`), inputs)),
    }),
  };
}
