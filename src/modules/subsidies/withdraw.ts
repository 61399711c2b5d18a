import type { Tx } from "../../../db/client";
import type { Ctx } from "../../lib/ctx";
import { notifyClaims } from "./notify";
import * as repo from "./repo";
import { assertMove, WITHDRAWABLE } from "./rules";
import { actorOf } from "./service";

export interface WithdrawnClaim {
  claimId: string;
  from: repo.SubsidyClaim["status"];
}

/**
 * The employment behind these claims no longer counts (county staff did not confirm the hire,
 * docs/PLACEMENT.md): every claim of it not yet approved is moved to `rejected` with the reason,
 * through the state table, with its event row and a notice, in the caller's transaction.
 * Approved, paid and failed-payment claims are left as they are and returned in `kept`: money
 * already on its way is a matter for the county, not an automatic move.
 */
export async function withdrawClaimsOfEmployment(
  ctx: Ctx,
  tx: Tx,
  employmentId: string,
  reason: string,
): Promise<{ withdrawn: WithdrawnClaim[]; kept: WithdrawnClaim[] }> {
  const claims = await repo.lockClaimsOfEmployment(tx, employmentId);
  const by = actorOf(ctx);
  const now = ctx.now();
  const withdrawn: WithdrawnClaim[] = [];
  const kept: WithdrawnClaim[] = [];
  for (const c of claims) {
    if (c.status === "rejected") continue;
    if (!WITHDRAWABLE.includes(c.status)) {
      kept.push({ claimId: c.id, from: c.status });
      continue;
    }
    assertMove(c.status, "rejected");
    await repo.updateClaim(tx, c.id, {
      status: "rejected",
      reviewedBy: by.id,
      reviewedAt: now,
      reviewReason: reason,
    });
    withdrawn.push({ claimId: c.id, from: c.status });
  }
  await repo.insertEvents(
    tx,
    withdrawn.map((w) => ({
      claimId: w.claimId,
      fromStatus: w.from,
      toStatus: "rejected" as const,
      actorUserId: by.id,
      actorRole: by.role,
      reason,
      at: now,
    })),
  );
  if (withdrawn.length) {
    const facts = await repo.findEmploymentFacts(tx, employmentId);
    const names = new Map(
      (await Promise.all(withdrawn.map((w) => repo.findClaim(tx, w.claimId)))).map((r) => [
        r!.c.id,
        r!.programmeName,
      ]),
    );
    await notifyClaims(
      tx,
      withdrawn.map((w) => ({
        claimId: w.claimId,
        key: `withdrawn-${now.getTime()}`,
        programmeName: names.get(w.claimId) ?? "",
        labourerId: facts?.e.labourerId ?? "",
        labourerName: facts?.name ?? "",
        cadreUserId: facts?.cadreUserId ?? null,
        status: "rejected" as const,
        detail: reason,
        at: now,
        cadre: true,
      })),
    );
  }
  return { withdrawn, kept };
}
