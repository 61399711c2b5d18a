import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { outbox } from "../../db/schema/outbox";
import type { OutboxType } from "../queue/outbox-routes";

export const OUTBOX_CHANNEL = "outbox";

export interface OutboxEvent {
  type: OutboxType;
  aggregateId: string;
  payload?: Record<string, unknown>;
}

/**
 * Records an event in the caller's transaction. The NOTIFY is delivered only on commit, so a
 * rolled-back change neither leaves a row nor wakes a relay; the relay's poll is the fallback.
 */
export async function addOutbox(tx: Tx, ...events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      events.map((e) => ({ type: e.type, aggregateId: e.aggregateId, payload: e.payload ?? {} })),
    );
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
