import type { JobsOptions, Queue } from "bullmq";
import { ImportPayload, importJobId, importJobOptions, RUN_IMPORT_JOB } from "./import";
import { DELIVER_JOB, NotifyPayload, notifyJobId, notifyJobOptions } from "./notify";
import type { Queues } from "./queues";
import { RecommendPayload, RUN_ROUND_JOB, recommendJobId, recommendJobOptions } from "./recommend";
import { SearchSyncPayload, SYNC_JOB, searchSyncJobId, searchSyncJobOptions } from "./search-sync";
import {
  CHECK_JOB,
  CheckPayload,
  checkJobId,
  PROPOSE_JOB,
  ProposePayload,
  proposeJobId,
  subsidyJobOptions,
} from "./subsidy";

export interface OutboxRow {
  id: number;
  type: string;
  aggregateId: string;
  payload: unknown;
}

export interface Dispatch {
  queue: Queue;
  name: string;
  data: unknown;
  /** Deterministic: derived from the business key or the outbox row ids, never random. */
  jobId: string;
  opts: JobsOptions;
  /** The outbox rows this job carries. */
  rowIds: number[];
}

type Router = (rows: OutboxRow[], q: Queues) => Dispatch[];

/** One job per outbox row: its payload parsed from the row, its id derived from the payload. */
function onePerRow<T>(
  queue: (q: Queues) => Queue,
  name: string,
  parse: (row: OutboxRow) => T,
  jobId: (data: T) => string,
  opts: JobsOptions,
): Router {
  return (rows, q) =>
    rows.map((r) => {
      const data = parse(r);
      return { queue: queue(q), name, data, jobId: jobId(data), opts, rowIds: [r.id] };
    });
}

/**
 * Where each outbox event type goes. Every type an `addOutbox` call may write is a key here,
 * so an event without a consumer is a type error, not a silent backlog.
 */
export const OUTBOX_ROUTES = {
  /** First recommendation round for a passed enrolment (issue: matching and the push). */
  "training.passed": onePerRow(
    (q) => q.recommend,
    RUN_ROUND_JOB,
    (r) => RecommendPayload.parse({ enrolmentId: r.aggregateId, round: 1 }),
    recommendJobId,
    recommendJobOptions,
  ),
  /** A posting changed: the whole claimed batch becomes one index write (a thousand cost as much as one). */
  "job.upserted": (rows, q) => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const data = SearchSyncPayload.parse({ jobIds: [...new Set(rows.map((r) => r.aggregateId))] });
    return [
      {
        queue: q.searchSync,
        name: SYNC_JOB,
        data,
        opts: searchSyncJobOptions,
        rowIds: ids,
        jobId: searchSyncJobId(ids),
      },
    ];
  },
  /** A later round asked for by staff or the round scheduler: the payload carries the round number. */
  "recommendation.round-requested": (rows, q) =>
    rows.map((r) => {
      const { round, trigger } = r.payload as { round?: unknown; trigger?: unknown };
      const data = RecommendPayload.parse({
        enrolmentId: r.aggregateId,
        round,
        ...(trigger === undefined ? {} : { trigger }),
      });
      return {
        queue: q.recommend,
        name: RUN_ROUND_JOB,
        data,
        jobId: recommendJobId(data),
        opts: recommendJobOptions,
        rowIds: [r.id],
      };
    }),
  /** A notification row was written (a round's push, a cadre digest): deliver it. */
  "notification.created": onePerRow(
    (q) => q.notify,
    DELIVER_JOB,
    (r) => NotifyPayload.parse({ notificationId: r.aggregateId }),
    notifyJobId,
    notifyJobOptions,
  ),
  /** A ledger was uploaded: run its import (src/modules/imports). */
  "import.queued": onePerRow(
    (q) => q.import,
    RUN_IMPORT_JOB,
    (r) => ImportPayload.parse({ importId: r.aggregateId }),
    importJobId,
    importJobOptions,
  ),
  /** An employment outside Guangxi was confirmed: propose the claims it qualifies for (免申即享). */
  "employment.confirmed": onePerRow(
    (q) => q.subsidy,
    PROPOSE_JOB,
    (r) => ProposePayload.parse({ employmentId: r.aggregateId }),
    proposeJobId,
    subsidyJobOptions,
  ),
  /** A subsidy claim was submitted (or resubmitted): run its automatic check. */
  "subsidy.claim-submitted": (rows, q) =>
    rows.map((r) => {
      const { submission } = r.payload as { submission?: unknown };
      const data = CheckPayload.parse({ claimId: r.aggregateId, submission });
      return {
        queue: q.subsidy,
        name: CHECK_JOB,
        data,
        jobId: checkJobId(data),
        opts: subsidyJobOptions,
        rowIds: [r.id],
      };
    }),
} satisfies Record<string, Router>;

export type OutboxType = keyof typeof OUTBOX_ROUTES;

export function isOutboxType(type: string): type is OutboxType {
  return Object.hasOwn(OUTBOX_ROUTES, type);
}
