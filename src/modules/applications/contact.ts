import { auditLog } from "../../../db/schema/audit";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import * as repo from "./repo";
import { APPLICATION_NOT_FOUND } from "./service";

export const APPLICATION_CONTACT_READ = "application.contact.read";

/**
 * The applicant's name and full phone, `GET /applications/{id}/contact`: only for the posting's
 * own employer, and only once it has accepted the application (accepted or hired). Every read
 * writes an `audit_log` row in the transaction that decrypts the number — no row, no disclosure.
 * Anyone else gets 404, as if the application did not exist.
 */
export async function readApplicantContact(ctx: Ctx, id: string) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer", "labourer"]);
  const actor = ctx.actor;
  const row = await repo.findApplication(ctx.db, id);
  if (!row || actor.role !== "employer" || actor.employerId !== row.app.employerId) {
    throw new AppError("APPLICATION_NOT_FOUND", APPLICATION_NOT_FOUND);
  }
  if (row.app.status !== "accepted" && row.app.status !== "hired") {
    throw new AppError(
      "APPLICATION_CONTACT_NOT_AVAILABLE",
      "同意录用后才能查看求职者的姓名和电话",
      {
        details: { current: row.app.status },
      },
    );
  }
  return ctx.db.transaction(async (tx) => {
    await tx.insert(auditLog).values({
      at: ctx.now(),
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: APPLICATION_CONTACT_READ,
      entityType: "labourer",
      entityId: row.app.labourerId,
      requestId: ctx.requestId,
      details: {
        purpose: "hiring",
        fields: ["name", "phone"],
        applicationId: row.app.id,
        jobId: row.app.jobId,
        status: row.app.status,
      },
    });
    const person = await repo.findLabourerContact(tx, row.app.labourerId);
    const stored = person?.phoneEnc ? ctx.pii.decrypt(person.phoneEnc) : null;
    return {
      name: person?.name ?? "",
      phone: stored ? (normalizePhone(stored) ?? stored) : null,
      phoneMasked: person?.phoneMasked ?? null,
    };
  });
}
