/**
 * Retention and care rules, as data: the check-in schedule, the follow-up rule, and the Chinese
 * labels the API returns and the pages show (docs/PLACEMENT.md, "Retention check-ins").
 */

import { END_REASON_LABELS, END_REASONS } from "../../lib/enums";

/** Days after a confirmed start on which the labourer is asked 「还在这里工作吗？」. */
export const CHECK_IN_DAYS = [7, 30, 90] as const;
export type CheckInDay = (typeof CHECK_IN_DAYS)[number];

/** A check-in nobody answered within this many days becomes a follow-up task for the cadre. */
export const FOLLOW_UP_AFTER_DAYS = 3;

/**
 * A check-in the sweep finds late (it did not run) is still asked when its day is at most this
 * many days past; older ones, and any earlier one when a later day is already due, are `missed`
 * (stored, not pushed): nobody is asked three questions at once about the same job.
 */
export const CATCH_UP_DAYS = 7;

export const CHECK_IN_QUESTION = "还在这里工作吗？";

export const CHECK_IN_ANSWERS = ["still_working", "left"] as const;
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number];
export const CHECK_IN_ANSWER_LABELS: Record<CheckInAnswer, string> = {
  still_working: "在",
  left: "不在了",
};

/** Why the person left: the employment end reasons (one enum for the end route and the check-in). */
export const LEFT_REASONS = END_REASONS;
export type LeftReason = (typeof LEFT_REASONS)[number];
export const LEFT_REASON_LABELS: Record<LeftReason, string> = END_REASON_LABELS;

export const CHECK_IN_STATUS_LABELS = {
  pending: "待回答",
  answered: "已回答",
  missed: "未询问（已错过）",
  closed: "工作已结束",
} as const;

export const HELP_KINDS = ["find_job", "wage_arrears", "other"] as const;
export type HelpKind = (typeof HELP_KINDS)[number];
export const HELP_KIND_LABELS: Record<HelpKind, string> = {
  find_job: "找工作",
  wage_arrears: "工资被拖欠",
  other: "其他",
};

export const HELP_STATUS_LABELS = { open: "等待答复", answered: "已答复" } as const;

export const FOLLOW_UP_KIND_LABELS = {
  check_in_unanswered: "回访未回答",
  help_request: "求助",
} as const;

export const FOLLOW_UP_STATUS_LABELS = { open: "待处理", resolved: "已处理" } as const;

/** Notification kinds written by this module (delivered by src/modules/notifications/deliver.ts). */
export const CARE_NOTICES = {
  /** The check-in question, to the labourer. */
  checkIn: "check_in",
  /** The check-in question, to the cadre, when the labourer cannot be reached. */
  checkInCadre: "check_in_cadre",
  /** A check-in went unanswered: a follow-up task for the cadre. */
  followUpCadre: "follow_up_cadre",
  /** A labourer asked for help: to their cadre(s). */
  helpCadre: "help_cadre",
  /** The answer to the labourer's help request. */
  helpAnswer: "help_answer",
} as const;
export const CARE_NOTICE_KINDS: readonly string[] = Object.values(CARE_NOTICES);

/** The China date `days` after `day` (YYYY-MM-DD), calendar arithmetic without time zones. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
