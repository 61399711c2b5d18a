import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { KEY_LABELS } from "./labels";
import { childLength, resolveStatsRegion } from "./region-access";
import { childRegions, DECLINE_REASONS, pushOutcomeRows } from "./repo";

const CHANNEL_LABELS: Record<string, string> = {
  ...KEY_LABELS.employmentChannel,
};

export const DECLINE_LABELS: Record<string, string> = {
  too_far: "路程太远",
  wage_too_low: "工资太低",
  family: "家里走不开",
  unsuitable_work: "工作不合适",
  other: "其他",
};

function chinaDay(day: string, field: string): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(d.getTime()) || chinaDate(d) !== day)
    throw new AppError("VALIDATION_FAILED", "请填写正确的日期", { field });
  return d;
}

/**
 * Outcomes of the push (docs/MONITORING.md, "Push outcomes"): what became of the recommendations
 * made in [from, to) in the caller's region, per child region, round, channel and matcher version,
 * so a scoring change is judged on real (confirmed) hires.
 */
export async function pushOutcomes(
  ctx: Ctx,
  input: { region?: string; from?: string; to?: string },
) {
  const region = await resolveStatsRegion(ctx, input.region);
  const to = input.to ? chinaDay(input.to, "to") : ctx.now();
  const from = input.from ? chinaDay(input.from, "from") : new Date(0);
  if (from >= to)
    throw new AppError("VALIDATION_FAILED", "开始日期须早于结束日期", { field: "from" });
  const len = childLength(region.code);
  const [rows, kids] = await Promise.all([
    pushOutcomeRows(ctx.readDb, { prefix: region.code, childLen: len, from, to }),
    childRegions(ctx.readDb, region.code),
  ]);
  const names = new Map(kids.map((k) => [k.code, k.name]));
  return {
    region,
    from: from.toISOString(),
    to: to.toISOString(),
    rows: rows.map((r) => ({
      regionCode: String(r.region),
      regionName: names.get(String(r.region)) ?? region.name,
      round: Number(r.round),
      channel: String(r.channel),
      channelLabel: CHANNEL_LABELS[String(r.channel)] ?? String(r.channel),
      matcherVersion: String(r.matcher_version),
      sent: Number(r.sent),
      delivered: Number(r.delivered),
      viewed: Number(r.viewed),
      applied: Number(r.applied),
      hired30d: Number(r.hired_30d),
      declined: Number(r.declined),
      declinedByReason: Object.fromEntries(
        DECLINE_REASONS.map((d) => [d, Number(r[`declined_${d}`])]),
      ),
    })),
  };
}
