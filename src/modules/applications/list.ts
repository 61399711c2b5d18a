import { eq } from "drizzle-orm";
import { jobs } from "../../../db/schema/jobs";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { inRegionScope } from "../../lib/scope";
import { inJobScope } from "../jobs/access";
import * as repo from "./repo";

interface Page {
  cursor?: string;
  limit: number;
}

/**
 * A posting's applicants, for its employer (and staff whose region covers the posting). The rows
 * carry what the masked view is built from; view.ts decides what leaves the server.
 */
export async function listJobApplications(ctx: Ctx, jobId: string, page: Page) {
  assertRole(ctx.actor, ["employer", "bureau", "cadre", "admin"]);
  const actor = ctx.actor;
  const [job] = await ctx.db
    .select({
      id: jobs.id,
      employerId: jobs.employerId,
      regionCode: jobs.regionCode,
      employerRegionCode: jobs.employerRegionCode,
      departureRegionCode: jobs.departureRegionCode,
    })
    .from(jobs)
    .where(eq(jobs.id, jobId))
    .limit(1);
  const allowed =
    job &&
    (actor.role === "employer" ? actor.employerId === job.employerId : inJobScope(actor, job));
  if (!job || !allowed) throw new AppError("JOB_NOT_FOUND", "岗位不存在或已被删除");
  const rows = await repo.listForJob(ctx.db, jobId, decodeCursor(page.cursor), page.limit);
  const { items, nextCursor } = pageOf(rows, page.limit, (r) => r.app);
  const [certs, names] = await Promise.all([
    repo.certificatesOf(
      ctx.db,
      items.map((r) => r.app.labourerId),
    ),
    repo.regionNames(
      ctx.db,
      items.map((r) => r.villageCode.slice(0, 9)),
    ),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      certificates: certs.get(r.app.labourerId) ?? [],
      township: names.get(r.villageCode.slice(0, 9)) ?? null,
    })),
    nextCursor,
  };
}

/** The signed-in labourer's own applications. */
export async function listMyApplications(ctx: Ctx, page: Page) {
  assertRole(ctx.actor, ["labourer"]);
  if (!ctx.actor.labourerId) throw new AppError("FORBIDDEN", "当前账号未关联劳动力信息");
  const rows = await repo.listForLabourer(
    ctx.db,
    ctx.actor.labourerId,
    decodeCursor(page.cursor),
    page.limit,
  );
  return pageOf(rows, page.limit, (r) => r.app);
}

/** Staff: one person's applications, if the person lives in their region. */
export async function listLabourerApplications(ctx: Ctx, labourerId: string, page: Page) {
  assertRole(ctx.actor, ["bureau", "cadre", "admin"]);
  const person = await repo.findLabourer(ctx.db, labourerId);
  if (!person || !inRegionScope(ctx.actor, person.villageCode))
    throw new AppError("LABOURER_NOT_FOUND", "未找到该劳动力");
  const rows = await repo.listForLabourer(
    ctx.db,
    labourerId,
    decodeCursor(page.cursor),
    page.limit,
  );
  return pageOf(rows, page.limit, (r) => r.app);
}
