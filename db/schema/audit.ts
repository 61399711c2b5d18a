import { bigserial, index, jsonb, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
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
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
  ],
);

/**
 * Which PII keys this database was written with: a fingerprint of both keys (src/lib/pii-key-check.ts),
 * recorded at the first boot and compared at every boot (scripts/lib/boot.ts), so a checkout
 * with other keys refuses to start instead of writing records nobody can decrypt or find.
 */
export const piiKeyCheck = pgTable("pii_key_check", {
  id: smallint().primaryKey().default(1),
  fingerprint: text().notNull(),
  recordedAt: tstz().notNull().defaultNow(),
});
