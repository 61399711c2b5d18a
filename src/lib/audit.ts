import type { Executor } from "../../db/client";
import { auditLog } from "../../db/schema/audit";

export type AuditEntry = typeof auditLog.$inferInsert;

/** One row of `audit_log` (docs/SECURITY.md): every full read of personal data, every sensitive change. */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
