import { and, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import {
  type RecommendationRound,
  recommendationRounds,
  type recommendations,
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

/**
 * One statement of fixed text, whatever the number of rows: each column goes as one array
 * parameter through `unnest`. A multi-row VALUES insert of ~100 recommendations (1,200 parameters)
 * was a new statement text for every row count, to be built by Drizzle, parsed and planned by
 * Postgres each time (12 % of a worker's CPU was Drizzle building such statements).
 */
export async function insertRecommendations(
  tx: Executor,
  values: (typeof recommendations.$inferInsert)[],
): Promise<void> {
  if (values.length === 0) return;
  const col = <T>(f: (v: (typeof values)[number]) => T) => sql.param(values.map(f));
  await tx.execute(sql`
    insert into recommendations (round_id, labourer_id, job_id, round, rank, score, score_parts,
      reason, distance_km, step, delivery_status, created_at)
    select t.round_id, t.labourer_id, t.job_id, t.round, t.rank::smallint, t.score, t.score_parts::jsonb,
      t.reason, t.distance_km, t.step, t.delivery_status::delivery_status, t.created_at::timestamptz
    from unnest(${col((v) => v.roundId)}::uuid[], ${col((v) => v.labourerId)}::uuid[],
      ${col((v) => v.jobId)}::uuid[], ${col((v) => v.round)}::int[], ${col((v) => v.rank)}::int[],
      ${col((v) => v.score)}::real[], ${col((v) => JSON.stringify(v.scoreParts))}::text[],
      ${col((v) => v.reason)}::text[], ${col((v) => v.distanceKm ?? null)}::real[],
      ${col((v) => v.step)}::text[], ${col((v) => v.deliveryStatus ?? "pending")}::text[],
      ${col((v) => (v.createdAt ?? new Date()).toISOString())}::text[])
      as t(round_id, labourer_id, job_id, round, rank, score, score_parts, reason, distance_km,
        step, delivery_status, created_at)`);
}
