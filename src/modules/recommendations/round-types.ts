import type { RecommendationRound } from "../../../db/schema/recommendations";
import type { Ctx } from "../../lib/ctx";
import type { Plan } from "../matching/plan";
import type { ProfileContext } from "./profile";

/** Types and keys shared by planning (round.ts) and storing (round-store.ts) a round. */

export interface RoundInput {
  enrolmentId: string;
  round: number;
  trigger?: RecommendationRound["trigger"];
}

export interface RoundSummary {
  roundId: string;
  outcome: RecommendationRound["outcome"];
  picked: number;
  /** False when the round already existed: a retry or a duplicate event changed nothing. */
  created: boolean;
  /**
   * True when this trigger joined the labourer's round of the same trigger window (another course
   * passed at about the same time): `roundId` is that round; this enrolment gets none of its own.
   */
  merged?: boolean;
}

/** Thrown for a payload that can never succeed (unknown or not-passed enrolment): no retry. */
export class PermanentRoundError extends Error {}

export const key = (i: { enrolmentId: string; round: number }) => `${i.enrolmentId}:${i.round}`;

export interface Planned {
  input: RoundInput;
  loaded: ProfileContext;
  plan: Plan;
}

export const summaryOf = (
  r: Pick<RecommendationRound, "id" | "outcome" | "picked">,
): RoundSummary => ({
  roundId: r.id,
  outcome: r.outcome,
  picked: r.picked,
  created: false,
});

export /** Rounds stored after this instant share the trigger window of a round asked for now. */
const windowStart = (ctx: Ctx) =>
  new Date(ctx.now().getTime() - ctx.config.ROUND_TRIGGER_WINDOW_MINUTES * 60_000);
