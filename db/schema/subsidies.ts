import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  PAYEE_ACCOUNT_TYPES,
  SUBSIDY_CLAIM_STATUSES,
  SUBSIDY_RULE_TYPES,
  TICKET_LEGS,
} from "../../src/lib/enums";
import { id, timestamps, tstz } from "./columns";
import { labourers } from "./labourers";
import { employments } from "./placement";

/**
 * The assistance-payment engine (docs/SUBSIDY.md): programmes configured by bureau staff, policy
 * versions per policy year (a change is a new version; a claim keeps the one it was judged
 * under), claims with their proof and state history, payment batches with one row per claim
 * paid. The claim state table lives in src/modules/subsidies/rules.ts. Money is integer fen.
 */

/** How eligibility is decided; the one thing a new programme may need code for. */
/** transport_round_trip: a confirmed job outside Guangxi, paid against tickets; stable_employment:
 * one held for `minMonthsInWork` months (labels: SUBSIDY_RULE_TYPE_LABELS). */
export const subsidyRuleType = pgEnum("subsidy_rule_type", SUBSIDY_RULE_TYPES);

export const subsidyProgrammes = pgTable(
  "subsidy_programmes",
  {
    id: id(),
    /** Stable key (`transport_subsidy`), used by the API and by the proposal worker. */
    code: varchar({ length: 48 }).notNull(),
    name: text().notNull(),
    ruleType: subsidyRuleType().notNull(),
    /** Proposed automatically (免申即享) when an employment qualifies. */
    autoPropose: boolean().notNull().default(true),
    createdBy: uuid(),
    ...timestamps,
  },
  (t) => [uniqueIndex("subsidy_programmes_code_uq").on(t.code)],
);

/** One cap: a destination province (2 digits) or city (4 digits) and its amount in fen. */
export interface SubsidyCap {
  regionCode: string;
  capFen: number;
}

/**
 * A policy version: never updated once written (a change is the next `version`). A claim points
 * at the version it was judged under, so a later change does not alter judged claims.
 */
export const subsidyPolicies = pgTable(
  "subsidy_policies",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => subsidyProgrammes.id),
    policyYear: smallint().notNull(),
    version: integer().notNull(),
    eligiblePersonTypes: text().array().notNull(),
    requireOutsideGuangxi: boolean().notNull().default(true),
    /** Allowed destinations (province or city prefixes); empty = anywhere the rule allows. */
    destinationCodes: text().array().notNull().default(sql`'{}'::text[]`),
    /** The cap of the longest matching prefix applies; none matches → defaultCapFen. */
    caps: jsonb().$type<SubsidyCap[]>().notNull().default([]),
    defaultCapFen: integer().notNull(),
    minDaysInWork: integer().notNull().default(0),
    /** stable_employment only: months of continuous work. */
    minMonthsInWork: integer().notNull().default(0),
    /** Tickets (photo + number + amount) needed; 0 = no proof (a fixed amount, the cap). */
    minTickets: integer().notNull().default(1),
    note: text(),
    createdBy: uuid(),
    createdRole: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subsidy_policies_version_uq").on(t.programmeId, t.policyYear, t.version),
    check("subsidy_policies_cap_nonneg", sql`${t.defaultCapFen} >= 0`),
  ],
);

export const claimStatus = pgEnum("subsidy_claim_status", SUBSIDY_CLAIM_STATUSES);
export const claimOrigin = pgEnum("subsidy_claim_origin", ["proposed", "labourer", "staff"]);
export const payeeAccountType = pgEnum("payee_account_type", PAYEE_ACCOUNT_TYPES);
export const ticketLeg = pgEnum("subsidy_ticket_leg", TICKET_LEGS);

/** One automatic-check finding: a stable code, pass/fail/info, and the Chinese text people read. */
export interface ClaimFinding {
  code: string;
  outcome: "pass" | "fail" | "info";
  text: string;
}

export const subsidyClaims = pgTable(
  "subsidy_claims",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => subsidyProgrammes.id),
    /** The version the claim is judged under; fixed when the claim is made. */
    policyId: uuid()
      .notNull()
      .references(() => subsidyPolicies.id),
    policyYear: smallint().notNull(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    employmentId: uuid()
      .notNull()
      .references(() => employments.id),
    /** The labourer's home village: county staff's scope. */
    villageCode: varchar({ length: 12 }).notNull(),
    destinationCode: varchar({ length: 12 }).notNull(),
    status: claimStatus().notNull(),
    origin: claimOrigin().notNull(),
    /** Submissions so far: the check job of each submission has its own id. */
    submissions: integer().notNull().default(0),
    provenFen: integer(),
    capFen: integer(),
    amountFen: integer(),
    checkPassed: boolean(),
    findings: jsonb().$type<ClaimFinding[]>().notNull().default([]),
    checkedAt: tstz(),
    payeeAccountType: payeeAccountType(),
    payeeAccountEnc: text(),
    payeeAccountMasked: varchar({ length: 40 }),
    reviewedBy: uuid(),
    reviewedAt: tstz(),
    reviewReason: text(),
    paidAt: tstz(),
    paymentReference: text(),
    paymentFailureReason: text(),
    ...timestamps,
  },
  (t) => [
    // Once per labourer, programme and policy year, whatever the code does (a refused claim frees it).
    uniqueIndex("subsidy_claims_once_per_year_uq")
      .on(t.programmeId, t.labourerId, t.policyYear)
      .where(sql`${t.status} <> 'rejected'`),
    // One proposal per employment and programme: the proposal job may run twice.
    uniqueIndex("subsidy_claims_employment_uq").on(t.programmeId, t.employmentId),
    index("subsidy_claims_village_idx").on(t.villageCode, t.createdAt, t.id),
    index("subsidy_claims_status_idx").on(t.status, t.createdAt, t.id),
    index("subsidy_claims_labourer_idx").on(t.labourerId, t.createdAt, t.id),
    check("subsidy_claims_amount_nonneg", sql`${t.amountFen} is null or ${t.amountFen} >= 0`),
  ],
);

/** A ticket: its photo (file-store, type read from the bytes), number and amount in fen. */
export const subsidyProofs = pgTable(
  "subsidy_proofs",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => subsidyClaims.id),
    ticketNo: varchar({ length: 40 }).notNull(),
    amountFen: integer().notNull(),
    /** The day printed on the ticket and its leg; null only on tickets uploaded before they were asked. */
    travelDate: date({ mode: "string" }),
    leg: ticketLeg(),
    storageKey: text().notNull(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: varchar({ length: 64 }).notNull(),
    uploadedBy: uuid(),
    uploadedRole: text().notNull(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subsidy_proofs_ticket_uq").on(t.claimId, t.ticketNo),
    index("subsidy_proofs_claim_idx").on(t.claimId, t.createdAt, t.id),
    check("subsidy_proofs_amount_pos", sql`${t.amountFen} > 0`),
  ],
);

/** Every state move of a claim, append-only: the audit trail the bureau portal shows. */
export const subsidyClaimEvents = pgTable(
  "subsidy_claim_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    claimId: uuid()
      .notNull()
      .references(() => subsidyClaims.id),
    fromStatus: claimStatus(),
    toStatus: claimStatus().notNull(),
    actorUserId: uuid(),
    actorRole: text().notNull(),
    reason: text(),
    at: tstz().notNull().defaultNow(),
  },
  (t) => [index("subsidy_claim_events_claim_idx").on(t.claimId, t.id)],
);

export const batchStatus = pgEnum("payment_batch_status", ["open", "closed"]);

/** 代发 batch: approved claims exported for the bank, reconciled by its return file. */
export const paymentBatches = pgTable(
  "payment_batches",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => subsidyProgrammes.id),
    /** The creator's region: the batch holds claims of people in it; staff in it see the batch. */
    regionCode: varchar({ length: 12 }).notNull(),
    status: batchStatus().notNull().default("open"),
    claimCount: integer().notNull(),
    totalFen: bigint({ mode: "number" }).notNull(),
    paidCount: integer().notNull().default(0),
    paidFen: bigint({ mode: "number" }).notNull().default(0),
    failedCount: integer().notNull().default(0),
    createdBy: uuid(),
    closedAt: tstz(),
    ...timestamps,
  },
  (t) => [index("payment_batches_region_idx").on(t.regionCode, t.createdAt, t.id)],
);

export const batchItemResult = pgEnum("payment_item_result", ["pending", "paid", "failed"]);

/** One claim in one batch, with the amount exported and the bank's answer. */
export const paymentBatchItems = pgTable(
  "payment_batch_items",
  {
    id: id(),
    batchId: uuid()
      .notNull()
      .references(() => paymentBatches.id),
    claimId: uuid()
      .notNull()
      .references(() => subsidyClaims.id),
    /** 序号 in the exported file. */
    seq: integer().notNull(),
    amountFen: integer().notNull(),
    result: batchItemResult().notNull().default("pending"),
    reference: text(),
    failureReason: text(),
    resultAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    // A claim waits for the bank in at most one batch; a failed payment frees it for a later one.
    uniqueIndex("payment_batch_items_open_claim_uq")
      .on(t.claimId)
      .where(sql`${t.result} = 'pending'`),
    // A claim is paid at most once, whatever batch it was in.
    uniqueIndex("payment_batch_items_paid_claim_uq")
      .on(t.claimId)
      .where(sql`${t.result} = 'paid'`),
    uniqueIndex("payment_batch_items_seq_uq").on(t.batchId, t.seq),
    index("payment_batch_items_claim_idx").on(t.claimId),
  ],
);

export type SubsidyProgramme = typeof subsidyProgrammes.$inferSelect;
export type SubsidyPolicy = typeof subsidyPolicies.$inferSelect;
export type SubsidyClaim = typeof subsidyClaims.$inferSelect;
export type SubsidyProof = typeof subsidyProofs.$inferSelect;
export type PaymentBatch = typeof paymentBatches.$inferSelect;
export type PaymentBatchItem = typeof paymentBatchItems.$inferSelect;
