import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { id, tstz } from "./columns";
import { labourers } from "./labourers";
import { employmentEndReason, employments } from "./placement";

/**
 * Retention and care after a placement (docs/PLACEMENT.md, "Retention check-ins" and "Help
 * requests"): check-ins 7, 30 and 90 days after a confirmed start, the labourer's help requests
 * (求助), and the cadre's follow-up queue that both feed.
 */

/**
 * pending: asked, not answered yet (still answerable after its follow-up task is raised);
 * answered; missed: came due while no sweep ran for too long, or a later check-in of the same
 * record came due first — never pushed; closed: the job ended before anyone answered.
 */
export const checkInStatus = pgEnum("check_in_status", ["pending", "answered", "missed", "closed"]);
/** Who was asked: the labourer; their cadre (no consent or no way to reach them); nobody (neither). */
export const checkInRecipient = pgEnum("check_in_recipient", ["labourer", "cadre", "none"]);
export const checkInAnswer = pgEnum("check_in_answer", ["still_working", "left"]);

/** One check-in per record and day offset: the unique key makes a repeated sweep harmless. */
export const employmentCheckIns = pgTable(
  "employment_check_ins",
  {
    id: id(),
    employmentId: uuid()
      .notNull()
      .references(() => employments.id),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    /** 7, 30 or 90 days after the start date. */
    dayOffset: smallint().notNull(),
    dueDate: date({ mode: "string" }).notNull(),
    status: checkInStatus().notNull().default("pending"),
    recipient: checkInRecipient().notNull(),
    /** When the sweep asked (the 3-day follow-up rule counts from here). */
    askedAt: tstz().notNull(),
    answer: checkInAnswer(),
    /** For `left`: why (the employment end reasons) and the day it ended. */
    endReason: employmentEndReason(),
    endDate: date({ mode: "string" }),
    answerNote: text(),
    answeredAt: tstz(),
    answeredBy: uuid(),
    answeredRole: text(),
    /** When the unanswered check-in became a follow-up task for the cadre. */
    followUpAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("employment_check_ins_key_uq").on(t.employmentId, t.dayOffset),
    index("employment_check_ins_employment_idx").on(t.employmentId, t.createdAt, t.id),
    index("employment_check_ins_pending_idx")
      .on(t.askedAt)
      .where(sql`${t.status} = 'pending' and ${t.followUpAt} is null`),
  ],
);

export const helpKind = pgEnum("help_kind", ["find_job", "wage_arrears", "other"]);
export const helpStatus = pgEnum("help_status", ["open", "answered"]);

/** A labourer's 求助. One open request per person and kind: a second tap finds the first. */
export const helpRequests = pgTable(
  "help_requests",
  {
    id: id(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    kind: helpKind().notNull(),
    text: text(),
    status: helpStatus().notNull().default("open"),
    createdBy: uuid(),
    answer: text(),
    answeredAt: tstz(),
    answeredBy: uuid(),
    answeredRole: text(),
    /** Time to first answer, in seconds (Yunnan answers at once: the bureau watches this). */
    responseSeconds: integer(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("help_requests_open_uq").on(t.labourerId, t.kind).where(sql`${t.status} = 'open'`),
    index("help_requests_labourer_idx").on(t.labourerId, t.createdAt, t.id),
  ],
);

export const followUpKind = pgEnum("follow_up_kind", ["check_in_unanswered", "help_request"]);
export const followUpStatus = pgEnum("follow_up_status", ["open", "resolved"]);
/** staff: resolved in the queue; answered: the check-in was answered; ended: the job ended. */
export const followUpResolution = pgEnum("follow_up_resolution", ["staff", "answered", "ended"]);

/**
 * The cadre's queue: an unanswered check-in or an open help request, until someone in scope
 * answers it. Scoped by the labourer's home village (joined, never copied).
 */
export const followUpTasks = pgTable(
  "follow_up_tasks",
  {
    id: id(),
    kind: followUpKind().notNull(),
    labourerId: uuid()
      .notNull()
      .references(() => labourers.id),
    checkInId: uuid().references(() => employmentCheckIns.id),
    helpRequestId: uuid().references(() => helpRequests.id),
    status: followUpStatus().notNull().default("open"),
    resolution: followUpResolution(),
    answer: text(),
    resolvedAt: tstz(),
    resolvedBy: uuid(),
    resolvedRole: text(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("follow_up_tasks_check_in_uq")
      .on(t.checkInId)
      .where(sql`${t.checkInId} is not null`),
    uniqueIndex("follow_up_tasks_help_uq")
      .on(t.helpRequestId)
      .where(sql`${t.helpRequestId} is not null`),
    index("follow_up_tasks_status_idx").on(t.status, t.createdAt, t.id),
  ],
);

export type CheckIn = typeof employmentCheckIns.$inferSelect;
export type HelpRequest = typeof helpRequests.$inferSelect;
export type FollowUpTask = typeof followUpTasks.$inferSelect;
