import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { shortageAlerts } from "../../../db/schema/recommendations";
import { regions } from "../../../db/schema/regions";

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

/** One alert, locked (staff resolving it by hand). */
export async function lockAlert(tx: Executor, alertId: string) {
  const [alert] = await tx
    .select()
    .from(shortageAlerts)
    .where(eq(shortageAlerts.id, alertId))
    .for("update")
    .limit(1);
  return alert;
}

/** Staff close an alert: resolution `staff`, with who and the note. */
export async function resolveAlertByStaff(
  tx: Executor,
  alertId: string,
  values: { now: Date; note: string; by: string | null },
): Promise<ShortageAlert> {
  const [done] = await tx
    .update(shortageAlerts)
    .set({
      status: "resolved",
      resolution: "staff",
      resolvedAt: values.now,
      updatedAt: values.now,
      resolutionNote: values.note,
      resolvedBy: values.by,
    })
    .where(eq(shortageAlerts.id, alertId))
    .returning();
  return done!;
}

/** Chinese names of these region codes, by code. */
export async function regionNames(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, codes));
}
