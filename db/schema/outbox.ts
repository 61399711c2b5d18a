import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/**
 * Transactional outbox: written in the same transaction as the business change, drained by
 * workers/outbox-relay.ts into BullMQ with a deterministic job id. A rolled-back change leaves
 * no row; a committed one is enqueued until `publishedAt` is stamped.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** `aggregate.past-tense`, e.g. `training.passed`, `job.upserted`. */
    type: text().notNull(),
    aggregateId: text().notNull(),
    payload: jsonb().notNull().default({}),
    createdAt: tstz().notNull().defaultNow(),
    /** Not before this time (backoff after a failed enqueue). */
    availableAt: tstz().notNull().defaultNow(),
    /** A relay holds the row until then; after a crash another relay takes it over. */
    claimedUntil: tstz(),
    claimedBy: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    jobId: text(),
    publishedAt: tstz(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.availableAt, t.id).where(sql`${t.publishedAt} is null`),
    // The relay's two claims read pending rows in id order, pushes first: without these, each
    // drain walked every published row (the primary key) or every pending row (a sort), and a
    // 100,000-row backlog cost a scan per 500 rows (docs/BENCHMARKS.md, subsidy).
    index("outbox_pending_id_idx")
      .on(t.id)
      .where(sql`${t.publishedAt} is null`),
    index("outbox_pending_type_idx").on(t.type, t.id).where(sql`${t.publishedAt} is null`),
  ],
);
