import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { DECLINE_REASONS } from "../../src/lib/enums";
import { id, tstz } from "./columns";
import { jobs } from "./jobs";
import { labourers } from "./labourers";
import { trainingEnrolments } from "./training";

/** Why a round ran: a course pass, the repeat sweep, a staff rerun, the labourer taking up work intention. */
export const roundTrigger = pgEnum("round_trigger", [
  "training_passed",
  "scheduled",
  "rerun",
  "intention_changed",
]);
export const roundOutcome = pgEnum("round_outcome", ["complete", "shortage", "ineligible"]);
export const feedbackStatus = pgEnum("feedback_status", ["none", "viewed", "applied", "declined"]);
export const declineReason = pgEnum("decline_reason", DECLINE_REASONS);
/**
 * pending → sending → delivered | fallback (delivered by SMS after WeChat refused) | failed.
 * `unknown`: a send was started but its outcome was never recorded (the process died mid-call);
 * it is not retried, so nobody gets the same round twice — a person looks at it instead.
 */
export const deliveryStatus = pgEnum("delivery_status", [
  "pending",
  "sending",
  "delivered",
  "fallback",
  "failed",
  "unknown",
  "skipped",
]);
export const alertStatus = pgEnum("alert_status", ["open", "resolved"]);

/**
 * One matching run for one labourer. Keyed by the enrolment that made the person eligible and the
 * round number: the recommend job id `recommend-<enrolmentId>-r<round>` and this unique key are
 * the same business key, so retries and duplicate events collapse.
 */
export const recommendationRounds = pgTable(
  "recommendation_rounds",
  {
    id: id(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    enrolmentId: uuid()
      .notNull()
      .references(() => trainingEnrolments.id),
    round: integer().notNull(),
    trigger: roundTrigger().notNull(),
    outcome: roundOutcome().notNull(),
    /** Ladder rungs walked, in order, and the one that sufficed (null when ineligible). */
    stepsTried: text().array().notNull().default(sql`'{}'::text[]`),
    stepUsed: text(),
    picked: smallint().notNull(),
    /** Why no jobs are pushed at all (no work intention, no labour capacity). */
    ineligibleReason: text(),
    requestedBy: uuid(),
    /**
     * The matcher (scoring and ladder) version that ran the round: MATCHER_VERSION in
     * src/modules/matching/version.ts. Push outcomes are compared per version (docs/MONITORING.md).
     */
    matcherVersion: varchar({ length: 32 }).notNull().default("1"),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recommendation_rounds_key_uq").on(t.enrolmentId, t.round),
    index("recommendation_rounds_labourer_idx").on(t.labourerId, t.createdAt),
  ],
);

export const recommendations = pgTable(
  "recommendations",
  {
    id: id(),
    roundId: uuid()
      .notNull()
      .references(() => recommendationRounds.id),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id),
    round: integer().notNull(),
    rank: smallint().notNull(),
    score: real().notNull(),
    /** Each weighted part of the score (certificate, skill, distance, wage, capacity, priority, freshness). */
    scoreParts: jsonb().notNull(),
    /** The Chinese one-line reason shown to the labourer. */
    reason: text().notNull(),
    distanceKm: real(),
    /** The ladder rung at which this posting became suitable. */
    step: text().notNull(),
    feedback: feedbackStatus().notNull().default("none"),
    declineReason: declineReason(),
    feedbackNote: text(),
    feedbackAt: tstz(),
    feedbackBy: uuid(),
    deliveryStatus: deliveryStatus().notNull().default("pending"),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recommendations_round_job_uq").on(t.roundId, t.jobId),
    index("recommendations_labourer_idx").on(t.labourerId, t.createdAt),
    // The spread count: a posting's recommendations within the round window (spread.ts, candidates.ts).
    index("recommendations_job_created_idx").on(t.jobId, t.createdAt),
  ],
);

/**
 * Fewer than three suitable jobs after every relaxation: the county must act. At most ONE open
 * alert per labourer: a later short round updates it in place (`roundId` is the latest such
 * round, `rounds` how many there were); a complete round, an ineligible one, an employment or a
 * member of staff resolves it (`resolution`; `superseded`: an older duplicate closed when the
 * one-open-alert rule was introduced, migration 0010).
 */
export const alertResolution = pgEnum("alert_resolution", [
  "staff",
  "round_complete",
  "ineligible",
  "employed",
  "superseded",
]);

export const shortageAlerts = pgTable(
  "shortage_alerts",
  {
    id: id(),
    /** The latest round that fell short. */
    roundId: uuid()
      .notNull()
      .references(() => recommendationRounds.id),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    /** The labourer's home county (6-digit short code): alerts are listed and scoped by it. */
    countyCode: varchar({ length: 12 }).notNull(),
    found: smallint().notNull(),
    missing: smallint().notNull(),
    occupations: text().array().notNull().default(sql`'{}'::text[]`),
    places: text().array().notNull().default(sql`'{}'::text[]`),
    stepsTried: text().array().notNull().default(sql`'{}'::text[]`),
    heldBackBySpread: smallint().notNull().default(0),
    status: alertStatus().notNull().default("open"),
    /** Short rounds folded into this alert (1 when raised). */
    rounds: smallint().notNull().default(1),
    createdAt: tstz().notNull().defaultNow(),
    updatedAt: tstz().notNull().defaultNow(),
    resolvedAt: tstz(),
    resolution: alertResolution(),
    /** The member of staff who resolved it (resolution `staff`). */
    resolvedBy: uuid(),
    resolutionNote: text(),
  },
  (t) => [
    uniqueIndex("shortage_alerts_round_uq").on(t.roundId),
    uniqueIndex("shortage_alerts_open_labourer_uq")
      .on(t.labourerId)
      .where(sql`${t.status} = 'open'`),
    index("shortage_alerts_county_idx").using(
      "btree",
      t.countyCode.op("text_pattern_ops"),
      t.status,
    ),
  ],
);

export type RecommendationRound = typeof recommendationRounds.$inferSelect;
export type Recommendation = typeof recommendations.$inferSelect;
