import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";
import { insertNotifications } from "../notifications/repo";
import { roundsForCadres } from "./repo";

/**
 * Once a day, each assistance cadre gets one message about their people's rounds of the last 24
 * hours: who was pushed how many jobs, and who hit a shortage (the cadre can then help in person).
 * Keyed by cadre and day, so a repeated run sends nothing twice.
 */
export async function createCadreDigests(ctx: Ctx): Promise<{ digests: number }> {
  const now = ctx.now();
  const since = new Date(now.getTime() - 24 * 3600_000);
  const rows = await roundsForCadres(ctx.db, since);
  const byCadre = new Map<string, typeof rows>();
  for (const r of rows) byCadre.set(r.cadreId!, [...(byCadre.get(r.cadreId!) ?? []), r]);
  if (byCadre.size === 0) return { digests: 0 };
  const day = chinaDate(now);
  return ctx.db.transaction(async (tx) => {
    const created = await insertNotifications(
      tx,
      [...byCadre].map(([cadreId, list]) => ({
        kind: "cadre_digest",
        subjectKey: `${cadreId}:${day}`,
        userId: cadreId,
        createdAt: now,
        content: { text: digestText(list, day), labourers: list.length },
      })),
    );
    await addOutbox(
      tx,
      ...created.map((n) => ({ type: "notification.created" as const, aggregateId: n.id })),
    );
    return { digests: created.length };
  });
}

function digestText(
  list: { name: string; picked: number; outcome: string; round: number }[],
  day: string,
): string {
  const short = list.filter((r) => r.outcome === "shortage");
  const lines = list
    .slice(0, 20)
    .map(
      (r) =>
        `${r.name}：第 ${r.round} 轮推荐 ${r.picked} 个岗位${r.outcome === "shortage" ? "（合适岗位不足，请协助）" : ""}`,
    );
  return [
    `${day} 帮扶对象岗位推送日报：共 ${list.length} 人收到推荐${short.length ? `，${short.length} 人合适岗位不足` : ""}。`,
    ...lines,
    ...(list.length > 20 ? [`……另有 ${list.length - 20} 人，请在岗通查看。`] : []),
  ].join("\n");
}
