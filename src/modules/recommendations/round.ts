import { and, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { trainingEnrolments } from "../../../db/schema/training";
import {
  notifications, recommendationRounds, recommendations, shortageAlerts, type RecommendationRound,
} from "../../../db/schema/recommendations";
import type { Ctx } from "../../lib/ctx";
import { addOutbox } from "../../lib/outbox";
import { planRecommendations, type Plan } from "../matching/plan";
import { formatWage } from "../matching/reasons";
import { fetchCandidates } from "./candidates";
import { loadMatchProfile } from "./profile";

export interface RoundInput {
  enrolmentId: string;
  round: number;
  trigger?: "training_passed" | "scheduled" | "rerun";
}

export interface RoundSummary {
  roundId: string;
  outcome: RecommendationRound["outcome"];
  picked: number;
  /** False when the round already existed: a retry or a duplicate event changed nothing. */
  created: boolean;
}

/** Thrown for a payload that can never succeed (unknown or not-passed enrolment): no retry. */
export class PermanentRoundError extends Error {}

/**
 * One recommendation round: plan (Meilisearch reads, outside any transaction), then store the
 * round, its picks, a shortage alert when fewer than three suitable postings exist, and the push
 * notification — all in one transaction keyed by (enrolment, round), so running the same round
 * twice changes nothing.
 */
export async function runRecommendationRound(ctx: Ctx, input: RoundInput): Promise<RoundSummary> {
  const existing = await findRound(ctx.db, input.enrolmentId, input.round);
  if (existing) return { roundId: existing.id, outcome: existing.outcome, picked: existing.picked, created: false };

  const [enrolment] = await ctx.db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, input.enrolmentId)).limit(1);
  if (!enrolment) throw new PermanentRoundError(`enrolment ${input.enrolmentId} does not exist`);
  if (enrolment.status !== "passed") throw new PermanentRoundError(`enrolment ${input.enrolmentId} has not passed`);
  const now = ctx.now();
  const loaded = await loadMatchProfile(ctx.db, enrolment.labourerId, now);
  if (!loaded) throw new PermanentRoundError(`labourer ${enrolment.labourerId} does not exist`);
  const since = new Date(now.getTime() - ctx.config.ROUND_INTERVAL_DAYS * 86_400_000);
  const plan = await planRecommendations(loaded.profile, (step) => fetchCandidates(ctx, step, { since }), {
    now, spreadMultiple: ctx.config.SPREAD_MULTIPLE,
  });
  return storeRound(ctx, input, loaded, plan);
}

async function findRound(db: Executor, enrolmentId: string, round: number) {
  const [row] = await db.select().from(recommendationRounds)
    .where(and(eq(recommendationRounds.enrolmentId, enrolmentId), eq(recommendationRounds.round, round))).limit(1);
  return row;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadMatchProfile>>>;

async function storeRound(ctx: Ctx, input: RoundInput, loaded: Loaded, plan: Plan): Promise<RoundSummary> {
  const { labourer } = loaded;
  const outcome = plan.ineligible ? "ineligible" : plan.shortage ? "shortage" : "complete";
  return ctx.db.transaction(async (tx) => {
    const [round] = await tx.insert(recommendationRounds).values({
      labourerId: labourer.id, enrolmentId: input.enrolmentId, round: input.round, trigger: input.trigger ?? "training_passed",
      outcome, stepsTried: plan.stepsTried, stepUsed: plan.stepUsed, picked: plan.picks.length,
      ineligibleReason: plan.ineligible ?? null, createdAt: ctx.now(),
    }).onConflictDoNothing().returning();
    if (!round) {
      // A concurrent run of the same round won the race: report its result.
      const winner = await findRound(tx, input.enrolmentId, input.round);
      return { roundId: winner!.id, outcome: winner!.outcome, picked: winner!.picked, created: false };
    }
    if (plan.picks.length) {
      await tx.insert(recommendations).values(plan.picks.map((p, i) => ({
        roundId: round.id, labourerId: labourer.id, jobId: p.job.id, round: input.round, rank: i + 1,
        score: p.score.total, scoreParts: p.score.parts, reason: p.score.reason, distanceKm: p.score.distanceKm,
        step: p.step, deliveryStatus: "pending" as const, createdAt: ctx.now(),
      })));
    }
    if (plan.shortage) {
      await tx.insert(shortageAlerts).values({
        roundId: round.id, labourerId: labourer.id, countyCode: loaded.countyCode, found: plan.picks.length,
        missing: plan.shortage.missing, occupations: plan.shortage.occupations, places: plan.shortage.places,
        stepsTried: plan.shortage.stepsTried, heldBackBySpread: plan.shortage.heldBackBySpread, createdAt: ctx.now(),
      });
    }
    if (plan.picks.length) {
      const [n] = await tx.insert(notifications).values({
        kind: "round", subjectKey: round.id, labourerId: labourer.id,
        status: labourer.contactConsent ? "pending" : "skipped",
        content: roundMessage(plan, input.round), createdAt: ctx.now(),
      }).returning({ id: notifications.id });
      if (labourer.contactConsent) await addOutbox(tx, { type: "notification.created", aggregateId: n!.id });
      else await tx.update(recommendations).set({ deliveryStatus: "skipped" }).where(eq(recommendations.roundId, round.id));
    }
    return { roundId: round.id, outcome, picked: plan.picks.length, created: true };
  });
}

/** The push text: short, plain, one job per line, for older readers on small screens. */
export function roundMessage(plan: Plan, round: number) {
  const lines = plan.picks.map((p, i) => {
    const j = p.job;
    return `${i + 1}. ${j.title}（${shortPlace(j.placeName)}，${formatWage(j.wageMinFen, j.wageMaxFen, j.wageUnit)}）`;
  });
  const text = [`岗通为您推荐了 ${plan.picks.length} 个岗位${round > 1 ? `（第 ${round} 轮）` : ""}：`, ...lines, "打开岗通查看详情，感兴趣可直接报名。"].join("\n");
  return {
    text,
    jobIds: plan.picks.map((p) => p.job.id),
    first: plan.picks[0] ? { title: plan.picks[0].job.title, reason: plan.picks[0].score.reason } : null,
  };
}

/** 广东省 佛山市 南海区 → 佛山市 南海区: the province is noise on a small screen. */
export function shortPlace(placeName: string | undefined): string {
  const parts = (placeName ?? "").split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts.slice(1) : parts).join(" ");
}
