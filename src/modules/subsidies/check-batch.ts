import type { Ctx } from "../../lib/ctx";
import * as bulk from "./bulk-repo";
import { judge, missingText } from "./judge";
import { type ClaimNotice, notifyClaims } from "./notify";
import * as repo from "./repo";
import { factsOf, policyOf } from "./service";

export interface CheckInput {
  claimId: string;
  submission: number;
}
export type CheckResult =
  | { claimId: string; skipped: true }
  | { claimId: string; passed: boolean; amountFen: number };

/**
 * The automatic check of many submissions at once (the subsidy worker's batch), one transaction:
 * the claims locked in id order, their policy versions, employments and tickets read with one
 * query each, each judged exactly as alone (judge.ts) against its OWN policy version, then one
 * UPDATE, one INSERT of events and the notices of the failed ones. Idempotent: a claim no longer
 * at that submission (checked already, or resubmitted since) is left alone. One answer per input.
 */
export async function checkBatch(ctx: Ctx, inputs: CheckInput[]): Promise<CheckResult[]> {
  return ctx.db.transaction(async (tx) => {
    const ids = [...new Set(inputs.map((i) => i.claimId))];
    const rows = new Map((await bulk.lockClaims(tx, ids)).map((r) => [r.c.id, r]));
    const due = new Map<string, number>();
    for (const i of inputs) {
      const row = rows.get(i.claimId);
      if (row && row.c.status === "submitted" && row.c.submissions === i.submission)
        due.set(i.claimId, i.submission);
    }
    const dueRows = [...due.keys()].map((id) => rows.get(id)!);
    const [policies, facts, proofs] = await Promise.all([
      bulk.policiesByIds(tx, [...new Set(dueRows.map((r) => r.c.policyId))]),
      bulk.employmentFactsMany(tx, [...new Set(dueRows.map((r) => r.c.employmentId))]),
      bulk.proofsOf(tx, [...due.keys()]),
    ]);
    const policyById = new Map(policies.map((p) => [p.id, p]));
    const factsById = new Map(facts.map((f) => [f.e.id, f]));
    const proofsByClaim = new Map<string, { amountFen: number }[]>();
    for (const p of proofs) {
      const list = proofsByClaim.get(p.claimId);
      if (list) list.push(p);
      else proofsByClaim.set(p.claimId, [p]);
    }
    const now = ctx.now();
    const checked: bulk.CheckedClaim[] = [];
    const events: Parameters<typeof repo.insertEvents>[1] = [];
    const notices: ClaimNotice[] = [];
    const answers = new Map<string, CheckResult>();
    for (const row of dueRows) {
      const f = factsById.get(row.c.employmentId)!;
      const j = judge(
        policyOf(policyById.get(row.c.policyId)!, row.ruleType),
        factsOf(ctx, f, {
          tickets: proofsByClaim.get(row.c.id) ?? [],
          hasPayeeAccount: row.c.payeeAccountEnc !== null,
        }),
      );
      checked.push({ id: row.c.id, checkPassed: j.passed, ...j });
      events.push({
        claimId: row.c.id,
        fromStatus: "submitted",
        toStatus: "checked",
        actorRole: "system",
        reason: j.passed ? "自动核对通过" : `自动核对未通过：${missingText(j.findings)}`,
        at: now,
      });
      if (!j.passed)
        notices.push({
          claimId: row.c.id,
          key: `checked-${due.get(row.c.id)}`,
          programmeName: row.programmeName,
          labourerId: row.c.labourerId,
          labourerName: row.labourerName,
          cadreUserId: f.cadreUserId,
          status: "checked",
          detail: `自动核对发现：${missingText(j.findings)}`,
          at: now,
          cadre: true,
        });
      answers.set(row.c.id, { claimId: row.c.id, passed: j.passed, amountFen: j.amountFen });
    }
    await bulk.markChecked(
      tx,
      checked.map(({ id, findings, checkPassed, provenFen, capFen, amountFen }) => ({
        id,
        findings,
        checkPassed,
        provenFen,
        capFen,
        amountFen,
      })),
      now,
    );
    await repo.insertEvents(tx, events);
    await notifyClaims(tx, notices);
    // A claim answered once; a repeated input (or one at an old submission) is skipped, as alone.
    return inputs.map((i) => {
      const a = answers.get(i.claimId);
      if (a && due.get(i.claimId) === i.submission) {
        answers.delete(i.claimId);
        return a;
      }
      return { claimId: i.claimId, skipped: true as const };
    });
  });
}
