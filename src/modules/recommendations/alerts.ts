import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { shortageAlerts } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { assertRegionScope } from "../../lib/scope";
import { STEP_LABELS, type StepKey } from "../matching/ladder";

export type ShortageAlert = typeof shortageAlerts.$inferSelect;
export type AlertResolution = NonNullable<ShortageAlert["resolution"]>;

/**
 * One open alert per labourer (the partial unique index `shortage_alerts_open_labourer_uq`): a
 * short round raises it or, when one is open, updates it in place with its own findings and
 * counts one more short round. Rows for one labourer twice in a batch keep the last.
 */
export async function upsertOpenAlerts(
  tx: Executor,
  rows: (typeof shortageAlerts.$inferInsert)[],
): Promise<void> {
  const byLabourer = new Map(rows.map((r) => [r.labourerId, r]));
  if (byLabourer.size === 0) return;
  await tx
    .insert(shortageAlerts)
    .values([...byLabourer.values()].map((r) => ({ ...r, updatedAt: r.createdAt })))
    .onConflictDoUpdate({
      target: shortageAlerts.labourerId,
      targetWhere: sql`${shortageAlerts.status} = 'open'`,
      set: {
        roundId: sql`excluded.round_id`,
        countyCode: sql`excluded.county_code`,
        found: sql`excluded.found`,
        missing: sql`excluded.missing`,
        occupations: sql`excluded.occupations`,
        places: sql`excluded.places`,
        stepsTried: sql`excluded.steps_tried`,
        heldBackBySpread: sql`excluded.held_back_by_spread`,
        rounds: sql`${shortageAlerts.rounds} + 1`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** Resolves these labourers' open alerts (a complete round, an ineligible one, an employment). */
export async function resolveOpenAlerts(
  tx: Executor,
  labourerIds: string[],
  resolution: AlertResolution,
  now: Date,
): Promise<number> {
  if (labourerIds.length === 0) return 0;
  const done = await tx
    .update(shortageAlerts)
    .set({ status: "resolved", resolution, resolvedAt: now, updatedAt: now })
    .where(
      and(
        inArray(shortageAlerts.labourerId, [...new Set(labourerIds)]),
        eq(shortageAlerts.status, "open"),
      ),
    )
    .returning({ id: shortageAlerts.id });
  return done.length;
}

/**
 * Staff close an alert by hand (jobs found offline, the person moved away…), with a note. In the
 * caller's region only (an alert elsewhere is a 404); an alert already resolved is a 409.
 */
export async function resolveShortageAlert(
  ctx: Ctx,
  alertId: string,
  input: { note: string },
): Promise<ShortageAlert> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre"]);
  return ctx.db.transaction(async (tx) => {
    const [alert] = await tx
      .select()
      .from(shortageAlerts)
      .where(eq(shortageAlerts.id, alertId))
      .for("update")
      .limit(1);
    if (!alert) throw new AppError("SHORTAGE_ALERT_NOT_FOUND", "未找到该预警");
    assertRegionScope(ctx.actor, alert.countyCode, "SHORTAGE_ALERT_NOT_FOUND", "未找到该预警");
    if (alert.status !== "open")
      throw new AppError("SHORTAGE_ALERT_RESOLVED", "该预警已处理，无需重复操作");
    const now = ctx.now();
    const [done] = await tx
      .update(shortageAlerts)
      .set({
        status: "resolved",
        resolution: "staff",
        resolvedAt: now,
        updatedAt: now,
        resolutionNote: input.note,
        resolvedBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      })
      .where(eq(shortageAlerts.id, alertId))
      .returning();
    return done!;
  });
}

/** Chinese names of the region codes of these alerts' places, by code (an unknown code keeps its digits). */
export async function placeNames(
  db: Executor,
  alerts: Pick<ShortageAlert, "places">[],
): Promise<Map<string, string>> {
  const codes = [...new Set(alerts.flatMap((a) => a.places))];
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export const stepLabel = (key: string) => STEP_LABELS[key as StepKey] ?? key;

export const RESOLUTION_LABELS: Record<AlertResolution, string> = {
  staff: "工作人员已处理",
  round_complete: "新一轮已推荐够 3 个岗位",
  ineligible: "本人暂无就业意愿或无劳动能力，不再推送",
  employed: "已就业",
  superseded: "已合并到该劳动力较新的预警",
};
