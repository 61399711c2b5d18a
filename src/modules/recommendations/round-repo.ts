import { and, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import {
  type RecommendationRound,
  recommendationRounds,
  recommendations,
} from "../../../db/schema/recommendations";
import { key } from "./round-types";

export /** Existing rounds for these (enrolment, round) keys, by key. */
async function findRounds(
  db: Executor,
  keys: { enrolmentId: string; round: number }[],
): Promise<Map<string, RecommendationRound>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select()
    .from(recommendationRounds)
    .where(
      and(
        inArray(recommendationRounds.enrolmentId, [...new Set(keys.map((k) => k.enrolmentId))]),
        inArray(recommendationRounds.round, [...new Set(keys.map((k) => k.round))]),
      ),
    );
  const wanted = new Set(keys.map(key));
  return new Map(rows.filter((r) => wanted.has(key(r))).map((r) => [key(r), r]));
}

/** Inserts rounds; one whose (enrolment, round) another run stored first is skipped. Answers those written. */
export async function insertRounds(
  tx: Executor,
  values: (typeof recommendationRounds.$inferInsert)[],
): Promise<{ id: string; enrolmentId: string; round: number }[]> {
  if (values.length === 0) return [];
  return tx.insert(recommendationRounds).values(values).onConflictDoNothing().returning({
    id: recommendationRounds.id,
    enrolmentId: recommendationRounds.enrolmentId,
    round: recommendationRounds.round,
  });
}

export async function insertRecommendations(
  tx: Executor,
  values: (typeof recommendations.$inferInsert)[],
): Promise<void> {
  if (values.length) await tx.insert(recommendations).values(values);
}
