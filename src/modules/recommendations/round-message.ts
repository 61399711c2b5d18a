import type { Plan } from "../matching/plan";
import { formatWage } from "../matching/reasons";

/** The push text: short, plain, one job per line, for older readers on small screens. */
export function roundMessage(plan: Plan, round: number) {
  const lines = plan.picks.map((p, i) => {
    const j = p.job;
    return `${i + 1}. ${j.title}（${shortPlace(j.placeName)}，${formatWage(j.wageMinFen, j.wageMaxFen, j.wageUnit)}）`;
  });
  const text = [
    `岗通为您推荐了 ${plan.picks.length} 个岗位${round > 1 ? `（第 ${round} 轮）` : ""}：`,
    ...lines,
    "打开岗通查看详情，感兴趣可直接报名。",
  ].join("\n");
  return {
    text,
    jobIds: plan.picks.map((p) => p.job.id),
    first: plan.picks[0]
      ? { title: plan.picks[0].job.title, reason: plan.picks[0].score.reason }
      : null,
  };
}

/** 广东省 佛山市 南海区 → 佛山市 南海区: the province is noise on a small screen. */
export function shortPlace(placeName: string | undefined): string {
  const parts = (placeName ?? "").split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts.slice(1) : parts).join(" ");
}
