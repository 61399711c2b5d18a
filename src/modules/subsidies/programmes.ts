import { assertRole } from "../../lib/auth";
import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import * as repo from "./repo";
import type { PolicyBody, ProgrammeBody } from "./schemas";
import { actorOf } from "./service";

/**
 * Programmes and their policy versions are configuration, edited by province or city bureau staff
 * (and admins). A policy change is a new version, never an update: claims keep the version they
 * were made under (docs/SUBSIDY.md).
 */

function assertEditor(ctx: Ctx) {
  assertRole(ctx.actor, ["bureau", "admin"]);
  const actor = ctx.actor;
  if (actor.role === "bureau" && (actor.regionCode ?? "").length > 4)
    throw new AppError("FORBIDDEN", "补贴政策由自治区或市人社部门设置，县级请联系市人社局");
}

async function programmeOf(ctx: Ctx, code: string) {
  const p = await repo.findProgramme(ctx.db, code);
  if (!p) throw new AppError("SUBSIDY_PROGRAMME_NOT_FOUND", "没有这个补贴项目");
  return p;
}

export async function createProgramme(ctx: Ctx, input: ProgrammeBody) {
  assertEditor(ctx);
  const made = await repo.insertProgramme(ctx.db, {
    ...input,
    createdBy: actorOf(ctx).id,
    createdAt: ctx.now(),
  });
  if (!made)
    throw new AppError("SUBSIDY_PROGRAMME_DUPLICATE", "已有相同编码的补贴项目", { field: "code" });
  return { programme: made, currentPolicy: undefined };
}

/** Programmes with the version in force this year (what a claim made today would be judged under). */
export async function listProgrammes(ctx: Ctx, input: { cursor?: string; limit: number }) {
  assertRole(ctx.actor, ["bureau", "cadre", "admin", "labourer"]);
  const rows = await repo.listProgrammes(ctx.db, decodeCursor(input.cursor), input.limit);
  const page = pageOf(rows, input.limit);
  const year = Number(chinaDate(ctx.now()).slice(0, 4));
  const items = await Promise.all(
    page.items.map(async (programme) => ({
      programme,
      currentPolicy: await repo.policyFor(ctx.db, programme.id, year),
    })),
  );
  return { items, nextCursor: page.nextCursor };
}

/** A new version for the policy year: numbered under the programme's row lock. */
export async function addPolicy(ctx: Ctx, code: string, input: PolicyBody) {
  assertEditor(ctx);
  const programme = await programmeOf(ctx, code);
  const by = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await repo.lockProgramme(tx, programme.id);
    const version = await repo.nextVersion(tx, programme.id, input.policyYear);
    return repo.insertPolicy(tx, {
      programmeId: programme.id,
      policyYear: input.policyYear,
      version,
      eligiblePersonTypes: input.eligiblePersonTypes,
      requireOutsideGuangxi: input.requireOutsideGuangxi,
      destinationCodes: input.destinationCodes,
      caps: input.caps,
      defaultCapFen: input.defaultCapFen,
      minDaysInWork: input.minDaysInWork,
      minMonthsInWork: input.minMonthsInWork,
      minTickets: input.minTickets,
      note: input.note ?? null,
      createdBy: by.id,
      createdRole: by.role,
      createdAt: ctx.now(),
    });
  });
}

export async function listPolicies(
  ctx: Ctx,
  code: string,
  input: { cursor?: string; limit: number },
) {
  assertRole(ctx.actor, ["bureau", "cadre", "admin"]);
  const programme = await programmeOf(ctx, code);
  const rows = await repo.listPolicies(
    ctx.db,
    programme.id,
    decodeCursor(input.cursor),
    input.limit,
  );
  return pageOf(rows, input.limit);
}
