import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { EMPLOYMENT_SOURCE_LABELS, EVIDENCE_KINDS, valuesOf } from "../../src/lib/enums";
import { id, timestamps, tstz } from "./columns";
import { employers } from "./employers";
import { jobChannel, jobs } from "./jobs";
import { labourers, wageUnit } from "./labourers";
import { recommendations } from "./recommendations";

/**
 * The placement aggregate: applications (a labourer asks for a posting), their state history,
 * and employment records (who works where since when, confirmed by whom). The state table and
 * who may make each move live in src/modules/applications/rules.ts; docs/PLACEMENT.md draws it.
 */

export const applicationStatus = pgEnum("application_status", [
  "submitted",
  "viewed",
  "accepted",
  "rejected",
  "withdrawn",
  "hired",
  "no_show",
  "hire_rejected",
]);
export const applicationSource = pgEnum("application_source", [
  "search",
  "detail",
  "recommendation",
]);
export const consentMethod = pgEnum("consent_method", ["phone", "in_person"]);
/** Rejection and withdrawal reasons share one enum (labels in applications/rules.ts); `other` carries a note. */
export const applicationReason = pgEnum("application_reason", [
  "not_qualified",
  "age_mismatch",
  "position_filled",
  "unreachable",
  "found_other_job",
  "too_far",
  "wage_too_low",
  "family",
  "changed_mind",
  "other",
  "not_started",
  "person_denies",
  "no_proof",
  "duplicate",
]);

/**
 * One labourer's application to one posting. `employerId` is the posting's, copied so the
 * employer's reads need no join to decide ownership. Applied by staff on the person's behalf:
 * `appliedBy` is the staff user, and the person's consent (how, when) is recorded.
 */
export const applications = pgTable(
  "applications",
  {
    id: id(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id),
    employerId: uuid()
      .notNull()
      .references(() => employers.id),
    source: applicationSource().notNull(),
    recommendationId: uuid().references(() => recommendations.id),
    status: applicationStatus().notNull().default("submitted"),
    appliedBy: uuid(),
    onBehalf: boolean().notNull().default(false),
    consentMethod: consentMethod(),
    consentAt: tstz(),
    statusChangedAt: tstz().notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    // One active application per labourer and posting, enforced by Postgres: two concurrent
    // applies cannot both insert; a finished one (rejected, withdrawn, no_show) allows a new one.
    uniqueIndex("applications_active_uq")
      .on(t.labourerId, t.jobId)
      .where(sql`${t.status} in ('submitted', 'viewed', 'accepted', 'hired')`),
    index("applications_job_idx").on(t.jobId, t.createdAt, t.id),
    index("applications_labourer_idx").on(t.labourerId, t.createdAt, t.id),
    // Push outcomes (src/modules/stats): which recommendation led to an application.
    index("applications_recommendation_idx")
      .on(t.recommendationId)
      .where(sql`${t.recommendationId} is not null`),
  ],
);

/** Every state move, append-only: who, when, from, to, why. `from` is null for the application itself. */
export const applicationEvents = pgTable(
  "application_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id),
    fromStatus: applicationStatus(),
    toStatus: applicationStatus().notNull(),
    actorUserId: uuid(),
    actorRole: text().notNull(),
    reason: applicationReason(),
    note: text(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId, t.id)],
);

/**
 * application: hired through an application in this system; the others are jobs found outside it
 * and recorded by staff (self_found 自主就业, own_business 自主创业, dispatch 劳务派遣).
 */
export const employmentSource = pgEnum("employment_source", valuesOf(EMPLOYMENT_SOURCE_LABELS));
export const employmentEndReason = pgEnum("employment_end_reason", [
  "contract_ended",
  "quit",
  "dismissed",
  "health",
  "family",
  "other",
]);

/**
 * A job a labourer holds or held. It counts as a placement only once confirmed (`confirmedAt`):
 * an employer-reported hire is confirmed by the employer; one recorded by staff by staff with
 * evidence. The labourer's employment status is derived from confirmed, not-ended records
 * (src/modules/employments/status.ts), never typed in beside them.
 */
export const employments = pgTable(
  "employments",
  {
    id: id(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    source: employmentSource().notNull(),
    applicationId: uuid().references(() => applications.id),
    jobId: uuid().references(() => jobs.id),
    employerId: uuid().references(() => employers.id),
    employerName: text().notNull(),
    /** The posting's channel; null for jobs found outside the system. */
    channel: jobChannel(),
    /** Where the work is (short GB/T 2260 code); outside Guangxi when it does not start with 45. */
    regionCode: varchar({ length: 12 }).notNull(),
    outsideGuangxi: boolean().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    /** Integer fen per `wageUnit`; null when not known. */
    wageFen: integer(),
    wageUnit: wageUnit(),
    note: text(),
    recordedBy: uuid(),
    recordedRole: text().notNull(),
    confirmedBy: uuid(),
    confirmedRole: text(),
    confirmedAt: tstz(),
    /** What the confirmer saw: a contract, a pay slip, a call to the employer. */
    confirmationNote: text(),
    endDate: date({ mode: "string" }),
    endReason: employmentEndReason(),
    endNote: text(),
    endedBy: uuid(),
    /**
     * County staff did not confirm (不予确认) a hire the employer reported: the employer's
     * confirmation is withdrawn (confirmed* cleared) and who, when and why is kept here.
     */
    rejectedAt: tstz(),
    rejectedBy: uuid(),
    rejectedRole: text(),
    rejectionReason: applicationReason(),
    rejectionNote: text(),
    /** The latest 在 (still working here) answer to a retention check-in. */
    stillWorkingAt: tstz(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("employments_application_uq")
      .on(t.applicationId)
      .where(sql`${t.applicationId} is not null`),
    index("employments_labourer_idx").on(t.labourerId, t.createdAt, t.id),
    index("employments_job_idx").on(t.jobId),
    index("employments_employer_idx").on(t.employerId, t.createdAt, t.id),
    // Monitoring (src/modules/stats): a person's confirmed jobs, by start, without the unconfirmed.
    index("employments_confirmed_labourer_idx")
      .on(t.labourerId, t.startDate)
      .where(sql`${t.confirmedAt} is not null`),
    // The retention sweep (retention/repo.ts dueCheckIns) asks only about confirmed, running
    // records: this reads them without the ended and unconfirmed ones (docs/BENCHMARKS.md).
    index("employments_running_start_idx")
      .on(t.startDate, t.id, t.labourerId)
      .where(sql`${t.confirmedAt} is not null and ${t.endDate} is null`),
  ],
);

export const evidenceKind = pgEnum("evidence_kind", EVIDENCE_KINDS);

/**
 * Files backing a confirmation (contract photo, pay slip PDF), stored behind src/lib/file-store.ts.
 * `storageKey` is a uuid the server chose; `mediaType` is detected from the bytes, never the client's.
 */
export const employmentEvidence = pgTable(
  "employment_evidence",
  {
    id: id(),
    employmentId: uuid()
      .notNull()
      .references(() => employments.id),
    storageKey: text().notNull(),
    kind: evidenceKind().notNull().default("other"),
    note: text(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    uploadedBy: uuid(),
    uploadedRole: text().notNull().default("system"),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index("employment_evidence_employment_idx").on(t.employmentId, t.createdAt, t.id)],
);

export type Application = typeof applications.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type Employment = typeof employments.$inferSelect;
export type NewEmployment = typeof employments.$inferInsert;
