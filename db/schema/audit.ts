import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/** Append-only record of sensitive actions: every full read of an ID or phone number lands here. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: tstz().notNull().defaultNow(),
    actorUserId: uuid(),
    actorRole: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    requestId: text(),
    details: jsonb(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entityType, t.entityId), index("audit_log_actor_idx").on(t.actorUserId, t.at)],
);
