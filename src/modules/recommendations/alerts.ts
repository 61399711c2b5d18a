import type { Executor } from "../../../db/client";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { assertRegionScope } from "../../lib/scope";
import { STEP_LABELS, type StepKey } from "../matching/ladder";
import type { AlertResolution, ShortageAlert } from "./alerts-repo";
import * as repo from "./alerts-repo";

export type { AlertResolution, ShortageAlert } from "./alerts-repo";
export { resolveOpenAlerts, upsertOpenAlerts } from "./alerts-repo";

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
    const alert = await repo.lockAlert(tx, alertId);
    if (!alert) throw new AppError("SHORTAGE_ALERT_NOT_FOUND", "未找到该预警");
    assertRegionScope(ctx.actor, alert.countyCode, "SHORTAGE_ALERT_NOT_FOUND", "未找到该预警");
    if (alert.status !== "open")
      throw new AppError("SHORTAGE_ALERT_RESOLVED", "该预警已处理，无需重复操作");
    const now = ctx.now();
    return repo.resolveAlertByStaff(tx, alertId, {
      now,
      note: input.note,
      by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
  });
}

/** Chinese names of the region codes of these alerts' places, by code (an unknown code keeps its digits). */
export async function placeNames(
  db: Executor,
  alerts: Pick<ShortageAlert, "places">[],
): Promise<Map<string, string>> {
  const codes = [...new Set(alerts.flatMap((a) => a.places))];
  const rows = await repo.regionNames(db, codes);
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
