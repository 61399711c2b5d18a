import { and, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import { subsidyClaims } from "../../../db/schema/subsidies";
import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Actor, Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { addOutbox } from "../../lib/outbox";
import { inRegionScope, regionScopeSql } from "../../lib/scope";
import { eligibility, type JudgeFacts, type JudgePolicy, missingText } from "./judge";
import { type ClaimNotice, notifyClaim } from "./notify";
import * as repo from "./repo";
import { assertMove, EDITABLE, maskAccount, rejectedBefore } from "./rules";
import type { Payee } from "./schemas";

/**
 * Claims: proposed by the system when an employment outside Guangxi is confirmed (免申即享), or
 * started by the labourer or their cadre; then tickets and a payee account, then submitted for the
 * automatic check (check.ts), review (review.ts) and payment (batches.ts). docs/SUBSIDY.md.
 */

export const CLAIM_NOT_FOUND = "未找到该补贴申领";
const APPLICANT_STAFF = ["cadre", "bureau", "admin"] as const;

export const actorOf = (ctx: Ctx) =>
  ctx.actor.kind === "user"
    ? { id: ctx.actor.userId, role: ctx.actor.role as string }
    : { id: null, role: "system" };

/** The person themselves, and staff whose region holds the person's village. */
export function mayApply(actor: Actor, labourerId: string, villageCode: string): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  if (actor.role === "labourer") return actor.labourerId === labourerId;
  if ((APPLICANT_STAFF as readonly string[]).includes(actor.role))
    return inRegionScope(actor, villageCode);
  return false;
}

export const policyOf = (
  p: repo.SubsidyPolicy,
  ruleType: JudgePolicy["ruleType"],
): JudgePolicy => ({
  ruleType,
  eligiblePersonTypes: p.eligiblePersonTypes,
  requireOutsideGuangxi: p.requireOutsideGuangxi,
  destinationCodes: p.destinationCodes,
  caps: p.caps,
  defaultCapFen: p.defaultCapFen,
  minDaysInWork: p.minDaysInWork,
  minMonthsInWork: p.minMonthsInWork,
  minTickets: p.minTickets,
});

export type Facts = NonNullable<Awaited<ReturnType<typeof repo.findEmploymentFacts>>>;

/** What the rules judge: person, job, today in China, and the proof (none for a proposal's eligibility). */
export const factsOf = (
  ctx: Ctx,
  f: Facts,
  proof: Pick<JudgeFacts, "tickets" | "hasPayeeAccount"> = { tickets: [], hasPayeeAccount: true },
): JudgeFacts => ({
  personType: f.personType,
  employment: {
    regionCode: f.e.regionCode,
    outsideGuangxi: f.e.outsideGuangxi,
    confirmed: f.e.confirmedAt !== null,
    startDate: f.e.startDate,
    endDate: f.e.endDate,
  },
  today: chinaDate(ctx.now()),
  ...proof,
});

/** What a new claim's labourer and cadre are told: the claim exists and what is still missing. */
export function proposedNotice(
  ctx: Ctx,
  programme: repo.SubsidyProgramme,
  facts: Facts,
  policy: repo.SubsidyPolicy,
  claim: repo.SubsidyClaim,
): ClaimNotice {
  const missing = missingText(
    [
      policy.minTickets > 0
        ? {
            code: "PROOF_MISSING",
            outcome: "fail" as const,
            text: "请拍照上传车票并填写票号和金额",
          }
        : undefined,
      {
        code: "PAYEE_ACCOUNT_MISSING",
        outcome: "fail" as const,
        text: "请填写收款的银行卡号或社保卡号",
      },
    ].filter((x) => x !== undefined),
  );
  return {
    claimId: claim.id,
    key: "proposed",
    programmeName: programme.name,
    labourerId: claim.labourerId,
    labourerName: facts.name,
    cadreUserId: facts.cadreUserId,
    status: "proposed",
    detail: `还需要：${missing}`,
    at: ctx.now(),
    cadre: true,
  };
}

export interface NewClaim {
  programme: repo.SubsidyProgramme;
  facts: Facts;
  origin: "proposed" | "labourer" | "staff";
  /** The version in force, when the caller has read it already. */
  policy?: repo.SubsidyPolicy;
}

/** The new claim's row under `policy` (the year is the employment's start year). */
export const claimValues = (ctx: Ctx, n: NewClaim, policy: repo.SubsidyPolicy) => ({
  programmeId: n.programme.id,
  policyId: policy.id,
  policyYear: Number(n.facts.e.startDate.slice(0, 4)),
  labourerId: n.facts.e.labourerId,
  employmentId: n.facts.e.id,
  villageCode: n.facts.villageCode,
  destinationCode: n.facts.e.regionCode,
  status: "proposed" as const,
  origin: n.origin,
  createdAt: ctx.now(),
});

export const proposedEvent = (ctx: Ctx, claimId: string) => {
  const by = actorOf(ctx);
  return {
    claimId,
    fromStatus: null,
    toStatus: "proposed" as const,
    actorUserId: by.id,
    actorRole: by.role,
    at: ctx.now(),
  };
};

/**
 * Inserts the claim under the policy version in force for the employment's year, unless the
 * eligibility rules refuse it (then the findings say why). The database decides "once per
 * labourer per policy year": a second claim inserts nothing.
 */
async function insertClaim(ctx: Ctx, tx: Tx, n: NewClaim) {
  const year = Number(n.facts.e.startDate.slice(0, 4));
  const policy = n.policy ?? (await repo.policyFor(tx, n.programme.id, year));
  if (!policy)
    throw new AppError("SUBSIDY_POLICY_MISSING", `${n.programme.name}还没有 ${year} 年的政策`);
  const refused = eligibility(policyOf(policy, n.programme.ruleType), factsOf(ctx, n.facts)).filter(
    (f) => f.outcome === "fail",
  );
  if (refused.length > 0) return { refused };
  const claim = await repo.insertClaim(tx, claimValues(ctx, n, policy));
  if (!claim) return { claim: undefined, policy };
  await repo.insertEvents(tx, [proposedEvent(ctx, claim.id)]);
  await notifyClaim(tx, proposedNotice(ctx, n.programme, n.facts, policy, claim));
  return { claim, policy };
}

/** One programme's proposal for one employment, in its own transaction (the stable-work sweep too). */
export async function proposeOne(ctx: Ctx, programme: repo.SubsidyProgramme, employmentId: string) {
  return ctx.db.transaction(async (tx) => {
    const facts = await repo.findEmploymentFacts(tx, employmentId);
    if (!facts) return { programme: programme.code, refused: ["EMPLOYMENT_NOT_FOUND"] };
    const policy = await repo.policyFor(tx, programme.id, Number(facts.e.startDate.slice(0, 4)));
    if (!policy) return { programme: programme.code, refused: ["SUBSIDY_POLICY_MISSING"] };
    const r = await insertClaim(ctx, tx, { programme, facts, origin: "proposed", policy });
    return {
      programme: programme.code,
      claimId: r.claim?.id,
      refused: r.refused?.map((f) => f.code),
    };
  });
}

/** A labourer or staff start a claim themselves; the proposal already made is returned as it is. */
export async function startClaim(ctx: Ctx, input: { employmentId: string; programme: string }) {
  assertRole(ctx.actor, ["labourer", ...APPLICANT_STAFF]);
  const programme = await repo.findProgramme(ctx.db, input.programme);
  if (!programme)
    throw new AppError("SUBSIDY_PROGRAMME_NOT_FOUND", "没有这个补贴项目", { field: "programme" });
  return ctx.db.transaction(async (tx) => {
    const facts = await repo.findEmploymentFacts(tx, input.employmentId);
    if (!facts || !mayApply(ctx.actor, facts.e.labourerId, facts.villageCode))
      throw new AppError("EMPLOYMENT_NOT_FOUND", "未找到该就业记录", { field: "employmentId" });
    const existing = await repo.claimForEmployment(tx, programme.id, facts.e.id);
    if (existing?.status === "rejected") throw rejectedBefore(programme.name, existing);
    if (existing) return { id: existing.id, created: false };
    const origin =
      ctx.actor.kind === "user" && ctx.actor.role === "labourer" ? "labourer" : "staff";
    const r = await insertClaim(ctx, tx, { programme, facts, origin });
    if (r.refused)
      throw new AppError("SUBSIDY_NOT_ELIGIBLE", r.refused.map((f) => f.text).join("；"), {
        field: "employmentId",
        details: { reasons: r.refused },
      });
    if (r.claim) return { id: r.claim.id, created: true };
    // Nothing inserted: the same job's claim made meanwhile (the proposal worker), else the year's.
    const raced = await repo.claimForEmployment(tx, programme.id, facts.e.id);
    if (raced?.status === "rejected") throw rejectedBefore(programme.name, raced);
    if (raced) return { id: raced.id, created: false };
    const year = facts.e.startDate.slice(0, 4);
    throw new AppError(
      "SUBSIDY_ALREADY_CLAIMED",
      `${programme.name}每人每年只能申领一次，${year}年度已有一笔申领（另一份工作）`,
      { field: "employmentId", details: { policyYear: Number(year) } },
    );
  });
}

/** The claim when the actor may see it: the person, or staff in scope of their village. */
export async function claimInScope(ctx: Ctx, id: string, opts: { tx?: Tx; lock?: boolean } = {}) {
  assertRole(ctx.actor, ["labourer", ...APPLICANT_STAFF]);
  const row = await repo.findClaim(opts.tx ?? ctx.db, id, { lock: opts.lock });
  if (!row || !mayApply(ctx.actor, row.c.labourerId, row.c.villageCode))
    throw new AppError("SUBSIDY_CLAIM_NOT_FOUND", CLAIM_NOT_FOUND);
  return row;
}

export async function getClaim(ctx: Ctx, id: string) {
  const row = await claimInScope(ctx, id);
  const [proofs, events] = await Promise.all([
    repo.claimProofs(ctx.db, id),
    repo.claimEvents(ctx.db, id),
  ]);
  return { row, proofs, events };
}

/** Own claims for a labourer; staff: people of their region (a county's review queue with `status=checked`). */
export async function listClaims(
  ctx: Ctx,
  input: {
    status?: repo.SubsidyClaim["status"];
    labourerId?: string;
    cursor?: string;
    limit: number;
  },
) {
  assertRole(ctx.actor, ["labourer", ...APPLICANT_STAFF]);
  const actor = ctx.actor;
  let scope: SQL =
    actor.role === "labourer"
      ? eq(subsidyClaims.labourerId, actor.labourerId ?? "00000000-0000-0000-0000-000000000000")
      : regionScopeSql(actor, subsidyClaims.villageCode);
  if (input.status) scope = and(scope, eq(subsidyClaims.status, input.status))!;
  if (input.labourerId) scope = and(scope, eq(subsidyClaims.labourerId, input.labourerId))!;
  const rows = await repo.listClaims(ctx.db, scope, decodeCursor(input.cursor), input.limit);
  return pageOf(rows, input.limit, (r) => r.c);
}

/** proposed/returned → submitted, with the payee account if given now; the check runs in the worker. */
export async function submitClaim(ctx: Ctx, id: string, input: { payee?: Payee }) {
  const by = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await claimInScope(ctx, id, { tx, lock: true });
    assertMove(row.c.status, "submitted");
    const submission = row.c.submissions + 1;
    await repo.updateClaim(tx, id, {
      status: "submitted",
      submissions: submission,
      ...(input.payee
        ? {
            payeeAccountType: input.payee.accountType,
            payeeAccountEnc: ctx.pii.encrypt(input.payee.accountNumber),
            payeeAccountMasked: maskAccount(input.payee.accountNumber),
          }
        : {}),
    });
    await repo.insertEvents(tx, [
      {
        claimId: id,
        fromStatus: row.c.status,
        toStatus: "submitted",
        actorUserId: by.id,
        actorRole: by.role,
        at: ctx.now(),
      },
    ]);
    await addOutbox(tx, {
      type: "subsidy.claim-submitted",
      aggregateId: id,
      payload: { submission },
    });
    return id;
  });
}

export function assertEditable(status: repo.SubsidyClaim["status"]) {
  if (!EDITABLE.includes(status)) assertMove(status, "submitted");
}
