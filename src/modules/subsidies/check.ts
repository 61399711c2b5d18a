import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { judge, missingText } from "./judge";
import { notifyClaim } from "./notify";
import * as repo from "./repo";
import { policyOf } from "./service";

/**
 * The automatic check of one submission (the subsidy worker calls it): eligibility against the
 * claim's OWN policy version, the tickets, the payee account, and the amount = min(proven cost,
 * cap) in fen. submitted → checked with every finding stored. Idempotent: a claim no longer at
 * that submission (checked already, or resubmitted since) is left alone.
 */
export async function checkClaim(ctx: Ctx, claimId: string, submission: number) {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findClaim(tx, claimId, { lock: true });
    if (!row || row.c.status !== "submitted" || row.c.submissions !== submission)
      return { claimId, skipped: true as const };
    const [policy, facts, proofs] = await Promise.all([
      repo.findPolicy(tx, row.c.policyId),
      repo.findEmploymentFacts(tx, row.c.employmentId),
      repo.claimProofs(tx, claimId),
    ]);
    const j = judge(policyOf(policy, row.ruleType), {
      personType: facts!.personType,
      employment: {
        regionCode: facts!.e.regionCode,
        outsideGuangxi: facts!.e.outsideGuangxi,
        confirmed: facts!.e.confirmedAt !== null,
        startDate: facts!.e.startDate,
        endDate: facts!.e.endDate,
      },
      today: chinaDate(ctx.now()),
      tickets: proofs,
      hasPayeeAccount: row.c.payeeAccountEnc !== null,
    });
    const now = ctx.now();
    await repo.updateClaim(tx, claimId, {
      status: "checked",
      findings: j.findings,
      checkPassed: j.passed,
      provenFen: j.provenFen,
      capFen: j.capFen,
      amountFen: j.amountFen,
      checkedAt: now,
    });
    await repo.insertEvents(tx, [
      {
        claimId,
        fromStatus: "submitted",
        toStatus: "checked",
        actorRole: "system",
        reason: j.passed ? "自动核对通过" : `自动核对未通过：${missingText(j.findings)}`,
        at: now,
      },
    ]);
    if (!j.passed)
      await notifyClaim(tx, {
        claimId,
        key: `checked-${submission}`,
        programmeName: row.programmeName,
        labourerId: row.c.labourerId,
        labourerName: row.labourerName,
        cadreUserId: facts!.cadreUserId,
        status: "checked",
        detail: `自动核对发现：${missingText(j.findings)}`,
        at: now,
        cadre: true,
      });
    return { claimId, passed: j.passed, amountFen: j.amountFen };
  });
}
