import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { id, tstz } from "./columns";
import { deliveryStatus } from "./recommendations";

/** One push per round (the round's jobs in one message), plus cadre digests. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    /** `round` (to the labourer) or `cadre_digest`. */
    kind: varchar({ length: 24 }).notNull(),
    /** The round id for `round`; `<cadreUserId>:<yyyy-mm-dd>` for a digest. */
    subjectKey: text().notNull(),
    labourerId: uuid(),
    userId: uuid(),
    status: deliveryStatus().notNull().default("pending"),
    provider: varchar({ length: 24 }),
    providerMessageId: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** What was sent (Chinese text and job ids): never an ID or phone number. */
    content: jsonb().notNull(),
    sendingAt: tstz(),
    finishedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_subject_uq").on(t.kind, t.subjectKey),
    index("notifications_status_idx").on(t.status, t.createdAt),
    // Monitoring: a labourer's last push (src/modules/stats warning lists).
    index("notifications_labourer_idx")
      .on(t.labourerId, t.createdAt)
      .where(sql`${t.labourerId} is not null`),
  ],
);
