import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Deps } from "../src/lib/ctx";
import { OUTBOX_CHANNEL } from "../src/lib/outbox";
import {
  type Dispatch,
  isOutboxType,
  OUTBOX_ROUTES,
  type OutboxRow,
  type OutboxType,
} from "../src/queue/outbox-routes";

export interface RelayOptions {
  batchSize?: number;
  /** How long a claim holds a row; a relay that dies mid-batch loses its rows to another after this. */
  leaseSeconds?: number;
  pollMs?: number;
}

const MAX_BACKOFF_S = 300;

/**
 * Drains the outbox into BullMQ. Rows are claimed with a short lease (UPDATE … WHERE id IN
 * (SELECT … FOR UPDATE SKIP LOCKED)), pushes first, committed, enqueued outside any transaction
 * with a deterministic job id (one addBulk per queue), then stamped published (one UPDATE). Two relays never hold the same row; a relay
 * that crashes after enqueueing but before stamping leaves the row to be re-enqueued under
 * the same job id, which BullMQ drops as a duplicate.
 */
export class OutboxRelay {
  readonly id = `relay-${randomUUID().slice(0, 8)}`;
  private readonly batchSize: number;
  private readonly leaseSeconds: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeRequested = false;
  private stopped = true;
  private unlisten: (() => Promise<void>) | undefined;
  /** Rows this relay has published, for tests and metrics. */
  published = 0;

  constructor(
    private readonly deps: Deps,
    opts: RelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.leaseSeconds = opts.leaseSeconds ?? 30;
    this.pollMs = opts.pollMs ?? 1000;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const listener = await this.deps.db.$client.listen(OUTBOX_CHANNEL, () => this.wake());
    this.unlisten = () => listener.unlisten();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.().catch(() => {});
    await this.running;
  }

  private wake() {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop() {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        // Keep draining while full batches come back; then wait for NOTIFY or the poll.
        while (!this.stopped && (await this.drainOnce()) === this.batchSize) {
          /* next batch */
        }
      } catch (err) {
        this.deps.log.error({ err }, "outbox drain failed");
      }
    })();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.wakeRequested;
    this.wakeRequested = false;
    this.schedule(again ? 0 : this.pollMs);
  }

  /** Claims one batch, enqueues it, stamps it. Returns how many rows were claimed. */
  async drainOnce(): Promise<number> {
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    const byType = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byType.get(row.type) ?? [];
      list.push(row);
      byType.set(row.type, list);
    }
    const dispatches: Dispatch[] = [];
    for (const [type, list] of byType) {
      if (!isOutboxType(type)) {
        await this.park(
          list.map((r) => r.id),
          `no route for outbox type ${type}`,
        );
        continue;
      }
      dispatches.push(...(await this.route(type, list)));
    }
    await this.dispatch(dispatches);
    return rows.length;
  }

  /**
   * The batch's dispatches. When the batch does not route (a payload our own route cannot parse,
   * which will not parse on retry either), rows are routed one by one and only the bad ones parked:
   * one poison row must not hold back the good rows claimed with it.
   */
  private async route(type: OutboxType, rows: OutboxRow[]): Promise<Dispatch[]> {
    try {
      return OUTBOX_ROUTES[type](rows, this.deps.queues);
    } catch {
      const out: Dispatch[] = [];
      for (const row of rows) {
        try {
          out.push(...OUTBOX_ROUTES[type]([row], this.deps.queues));
        } catch (err) {
          await this.park(
            [row.id],
            `invalid outbox payload: ${String((err as Error).message).slice(0, 500)}`,
          );
        }
      }
      return out;
    }
  }

  /**
   * Leases up to batchSize due rows to this relay (public for crash-recovery tests).
   * `notification.created` rows first: a push waits for nothing but its own round, whereas a
   * burst of `training.passed` rows (a whole class passing at once) would otherwise keep every
   * push behind it until the burst is enqueued. Then the other due rows, in id order.
   */
  async claim(): Promise<OutboxRow[]> {
    const pushes = await this.claimWhere(sql`and type = 'notification.created'`, this.batchSize);
    const rest =
      pushes.length < this.batchSize
        ? await this.claimWhere(sql``, this.batchSize - pushes.length)
        : [];
    return [...pushes, ...rest];
  }

  private async claimWhere(filter: ReturnType<typeof sql>, limit: number): Promise<OutboxRow[]> {
    const rows = await this.deps.db.execute<{
      id: string;
      type: string;
      aggregate_id: string;
      payload: unknown;
    }>(sql`
      update outbox set claimed_until = now() + make_interval(secs => ${this.leaseSeconds}), claimed_by = ${this.id}
      where id in (
        select id from outbox
        where published_at is null and available_at <= now() and (claimed_until is null or claimed_until < now()) ${filter}
        order by id limit ${limit}
        for update skip locked)
      returning id, type, aggregate_id, payload`);
    return rows
      .map((r) => ({
        id: Number(r.id),
        type: r.type,
        aggregateId: r.aggregate_id,
        payload: r.payload,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * One `addBulk` per queue (deterministic job ids: a re-enqueued row collapses onto its job),
   * then one UPDATE stamping every row that was enqueued. A queue whose bulk add fails backs off
   * its own rows only.
   */
  private async dispatch(dispatches: Dispatch[]) {
    const byQueue = new Map<Dispatch["queue"], Dispatch[]>();
    for (const d of dispatches) {
      const list = byQueue.get(d.queue);
      if (list) list.push(d);
      else byQueue.set(d.queue, [d]);
    }
    const ids: number[] = [];
    const jobIds: string[] = [];
    for (const [queue, list] of byQueue) {
      try {
        await queue.addBulk(
          list.map((d) => ({ name: d.name, data: d.data, opts: { ...d.opts, jobId: d.jobId } })),
        );
      } catch (err) {
        await this.retryLater(
          list.flatMap((d) => d.rowIds),
          String((err as Error).message),
        );
        continue;
      }
      for (const d of list)
        for (const id of d.rowIds) {
          ids.push(Number(id));
          jobIds.push(d.jobId);
        }
    }
    if (ids.length === 0) return;
    const res = await this.deps.db.execute(sql`
      update outbox o set published_at = now(), job_id = v.job_id, claimed_until = null, last_error = null
      from unnest(${sql.param(ids)}::bigint[], ${sql.param(jobIds)}::text[]) as v(id, job_id)
      where o.id = v.id and o.claimed_by = ${this.id} and o.published_at is null`);
    this.published += res.count ?? 0;
  }

  private async retryLater(ids: number[], error: string) {
    this.deps.log.warn({ ids, error }, "outbox enqueue failed; will retry");
    await this.deps.db.execute(sql`
      update outbox set attempts = attempts + 1, last_error = ${error.slice(0, 1000)}, claimed_until = null,
        available_at = now() + make_interval(secs => least(${MAX_BACKOFF_S}, power(2, attempts + 1)))
      where id in ${sql.raw(`(${ids.map(Number).join(",")})`)} and claimed_by = ${this.id}`);
  }

  /** Permanent failure: kept for a person to look at, never retried by itself. */
  private async park(ids: number[], error: string) {
    this.deps.log.error({ ids, error }, "outbox rows parked");
    await this.deps.db.execute(sql`
      update outbox set attempts = attempts + 1, last_error = ${error}, claimed_until = null, available_at = 'infinity'
      where id in ${sql.raw(`(${ids.map(Number).join(",")})`)} and claimed_by = ${this.id}`);
  }
}
