import {
  APPLICATION_STATUS_LABELS,
  HIRE_REJECT_REASON_LABELS,
  REJECT_REASON_LABELS,
  WITHDRAW_REASON_LABELS,
} from "../../lib/enums";

/**
 * The application state table: the one place that says which moves exist and who may make them.
 * Exported as data so pages (and docs/PLACEMENT.md) can show the same table the server enforces.
 *
 *   submitted ─┬─> viewed ─┬─> accepted ─┬─> hired ──> hire_rejected (county bureau: 不予确认)
 *              │           ├─> rejected   ├─> withdrawn
 *              │           └─> withdrawn  └─> no_show
 *              ├─> accepted
 *              ├─> rejected
 *              └─> withdrawn
 */

export const APPLICATION_STATUSES = [
  "submitted",
  "viewed",
  "accepted",
  "rejected",
  "withdrawn",
  "hired",
  "no_show",
  "hire_rejected",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Active applications hold the (labourer, posting) slot: the partial unique index lists the same four. */
export const ACTIVE_STATUSES: readonly ApplicationStatus[] = [
  "submitted",
  "viewed",
  "accepted",
  "hired",
];

/** What each state means to the labourer, and what happens next, in plain Chinese. */
export const STATUS_TEXT: Record<ApplicationStatus, { label: string; next: string }> = {
  submitted: {
    label: APPLICATION_STATUS_LABELS.submitted,
    next: "等待用工单位查看您的报名，有消息会通知您。",
  },
  viewed: { label: APPLICATION_STATUS_LABELS.viewed, next: "用工单位正在考虑，请保持电话畅通。" },
  accepted: {
    label: APPLICATION_STATUS_LABELS.accepted,
    next: "用工单位会打电话和您约定上岗时间，请按约定去报到。",
  },
  rejected: {
    label: APPLICATION_STATUS_LABELS.rejected,
    next: "这次没有成功，可以看看其他推荐岗位，或请帮扶干部帮忙。",
  },
  withdrawn: {
    label: APPLICATION_STATUS_LABELS.withdrawn,
    next: "报名已撤回，可以随时报名其他岗位。",
  },
  hired: {
    label: APPLICATION_STATUS_LABELS.hired,
    next: "请按约定的日期去上班。祝工作顺利！遇到困难可以联系帮扶干部。",
  },
  no_show: {
    label: APPLICATION_STATUS_LABELS.no_show,
    next: "您没有按约定去报到。如有困难请联系帮扶干部，可以报名其他岗位。",
  },
  hire_rejected: {
    label: APPLICATION_STATUS_LABELS.hire_rejected,
    next: "县人社局核实后，这次录用不算就业。可以报名其他岗位，有疑问请联系帮扶干部。",
  },
};

/**
 * Who may make a move: `employer` is the posting's own employer; `labourer` the person
 * themselves; `staff` a cadre whose region holds the person's village; `bureau` a bureau officer
 * whose region holds it, or an admin (bureau staff may do whatever `staff` may, and more).
 */
export type Mover = "employer" | "labourer" | "staff" | "bureau";

/** Which reason list a move asks for (null: none). */
export type ReasonKind = "reject" | "withdraw" | "hire_reject" | null;

export interface Transition {
  from: ApplicationStatus;
  to: ApplicationStatus;
  by: readonly Mover[];
  reason: ReasonKind;
}

const EMPLOYER = ["employer"] as const;
const PERSON = ["labourer", "staff", "bureau"] as const;
const BUREAU = ["bureau"] as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: "submitted", to: "viewed", by: EMPLOYER, reason: null },
  { from: "submitted", to: "accepted", by: EMPLOYER, reason: null },
  { from: "submitted", to: "rejected", by: EMPLOYER, reason: "reject" },
  { from: "submitted", to: "withdrawn", by: PERSON, reason: "withdraw" },
  { from: "viewed", to: "accepted", by: EMPLOYER, reason: null },
  { from: "viewed", to: "rejected", by: EMPLOYER, reason: "reject" },
  { from: "viewed", to: "withdrawn", by: PERSON, reason: "withdraw" },
  { from: "accepted", to: "hired", by: EMPLOYER, reason: null },
  { from: "accepted", to: "withdrawn", by: PERSON, reason: "withdraw" },
  { from: "accepted", to: "no_show", by: EMPLOYER, reason: null },
  // County staff do not confirm (不予确认) a hire the employer reported: the employment record
  // stops counting (employments/reject.ts), and the labourer may be pushed and apply again.
  { from: "hired", to: "hire_rejected", by: BUREAU, reason: "hire_reject" },
];

export function findTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves open from a state (the labourer's page and the employer's list show them as buttons). */
export function nextMoves(from: ApplicationStatus, mover: Mover): ApplicationStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && t.by.includes(mover)).map((t) => t.to);
}

export const REJECT_REASONS = REJECT_REASON_LABELS;
export const WITHDRAW_REASONS = WITHDRAW_REASON_LABELS;
export const HIRE_REJECT_REASONS = HIRE_REJECT_REASON_LABELS;

export type RejectReason = keyof typeof REJECT_REASONS;
export type WithdrawReason = keyof typeof WITHDRAW_REASONS;
export type HireRejectReason = keyof typeof HIRE_REJECT_REASONS;
export type ApplicationReason = RejectReason | WithdrawReason | HireRejectReason;

/** The reason list a move asks for, by its kind. */
export const REASONS_OF: Record<Exclude<ReasonKind, null>, Record<string, string>> = {
  reject: REJECT_REASONS,
  withdraw: WITHDRAW_REASONS,
  hire_reject: HIRE_REJECT_REASONS,
};

export function reasonLabel(reason: ApplicationReason | null | undefined): string | null {
  if (!reason) return null;
  return (
    (REJECT_REASONS as Record<string, string>)[reason] ??
    (WITHDRAW_REASONS as Record<string, string>)[reason] ??
    (HIRE_REJECT_REASONS as Record<string, string>)[reason] ??
    null
  );
}

/** Moves that concern the labourer's cadre too (the cadre may help in person). */
export const CADRE_NOTIFIED: readonly ApplicationStatus[] = [
  "rejected",
  "no_show",
  "hire_rejected",
];

/** 40 → "40–49岁": what an employer sees before acceptance instead of a birth date or exact age. */
export function ageBand(age: number): string {
  const low = Math.floor(age / 10) * 10;
  return `${low}–${low + 9}岁`;
}

/** 莫秀英 → 莫某: the surname only, until the employer accepts the application. */
export function surnameOnly(name: string): string {
  const first = [...name.trim()][0];
  return first ? `${first}某` : "某";
}
