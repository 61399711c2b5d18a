import type { SubsidyCap } from "../../../db/schema/subsidies";
import { SUBSIDY_CLAIM_STATUS_LABELS as LABEL, SUBSIDY_CLAIM_STATUSES } from "../../lib/enums";
import { AppError } from "../../lib/errors";
import { GUANGDONG_CITIES } from "../../lib/provinces";

/**
 * The claim state table: the one place that says which moves exist and who makes them
 * (docs/SUBSIDY.md draws it). Exported as data so pages can show what the server enforces.
 *
 *   proposed ──> submitted ──> checked ─┬─> approved ─┬─> paid
 *      ^             ^                  ├─> rejected   └─> payment_failed ──> approved (a later batch)
 *      │             └── returned <─────┘
 *   (免申即享: the system proposes; the labourer or cadre adds tickets and submits)
 */

export const CLAIM_STATUSES = SUBSIDY_CLAIM_STATUSES;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What each state means to the labourer, in plain words (the labels: src/lib/enums.ts). */
export const CLAIM_STATUS_TEXT: Record<ClaimStatus, { label: string; next: string }> = {
  proposed: {
    label: LABEL.proposed,
    next: "您外出务工可以领交通补贴。请拍照上传车票，填好银行卡号后提交。",
  },
  submitted: { label: LABEL.submitted, next: "系统正在自动核对，请稍候。" },
  checked: { label: LABEL.checked, next: "材料已核对，等待县人社局审核。" },
  approved: { label: LABEL.approved, next: "审核已通过，补贴将打到您的银行卡或社保卡上。" },
  rejected: { label: LABEL.rejected, next: "这次申领没有通过，原因见下方。有疑问请联系帮扶干部。" },
  returned: { label: LABEL.returned, next: "请按下方说明补充材料后重新提交。" },
  paid: { label: LABEL.paid, next: "补贴已打到您的账户，请查收。" },
  payment_failed: {
    label: LABEL.payment_failed,
    next: "银行没有打款成功，原因见下方。请核对账号，人社局会再次发放。",
  },
};

/** `system`: the proposal and check workers and the batch/return-file services; `reviewer`: county staff. */
export type Mover = "system" | "applicant" | "reviewer";

export interface Transition {
  from: ClaimStatus;
  to: ClaimStatus;
  by: Mover;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: "proposed", to: "submitted", by: "applicant" },
  { from: "returned", to: "submitted", by: "applicant" },
  { from: "submitted", to: "checked", by: "system" },
  { from: "checked", to: "approved", by: "reviewer" },
  { from: "checked", to: "rejected", by: "reviewer" },
  { from: "checked", to: "returned", by: "reviewer" },
  { from: "approved", to: "paid", by: "system" },
  { from: "approved", to: "payment_failed", by: "system" },
  { from: "payment_failed", to: "approved", by: "system" },
  // The employment behind an unpaid claim was not confirmed after all (a hire county staff did
  // not confirm, docs/PLACEMENT.md): the claim is withdrawn as rejected (withdraw.ts).
  { from: "proposed", to: "rejected", by: "system" },
  { from: "submitted", to: "rejected", by: "system" },
  { from: "returned", to: "rejected", by: "system" },
];

/** States a claim is withdrawn from when its employment stops counting (checked: by the reviewer's move). */
export const WITHDRAWABLE: readonly ClaimStatus[] = [
  "proposed",
  "submitted",
  "returned",
  "checked",
];

export function canMove(from: ClaimStatus, to: ClaimStatus): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/** A move the table does not hold is a 409 naming the current state, in Chinese and as a code. */
export function assertMove(from: ClaimStatus, to: ClaimStatus): void {
  if (canMove(from, to)) return;
  throw new AppError(
    "SUBSIDY_STATE_CONFLICT",
    `该申领当前状态为「${CLAIM_STATUS_TEXT[from].label}」，不能改为「${CLAIM_STATUS_TEXT[to].label}」`,
    { details: { current: from, currentLabel: CLAIM_STATUS_TEXT[from].label } },
  );
}

/**
 * A rejected claim is the county's final word on that job: the same job is not claimed again (the
 * one-claim-per-employment index keeps the rejected row). The year stays free for another job
 * (the once-per-year index ignores rejected claims), and a fixable gap is `returned`, not rejected.
 */
export function rejectedBefore(
  programmeName: string,
  claim: { id: string; reviewReason: string | null },
) {
  const why = claim.reviewReason ? `（驳回原因：${claim.reviewReason}）` : "";
  return new AppError(
    "SUBSIDY_CLAIM_REJECTED",
    `这份工作的${programmeName}申领已被驳回${why}，同一份工作不能再次申领。如有异议请联系县人社部门；换了新的区外工作，可以用新工作申领`,
    { field: "employmentId", details: { claimId: claim.id, reason: claim.reviewReason } },
  );
}

/** States in which tickets and the payee account may still change. */
export const EDITABLE: readonly ClaimStatus[] = ["proposed", "returned"];
/** States a payment batch takes claims from. */
export const PAYABLE: readonly ClaimStatus[] = ["approved", "payment_failed"];

/**
 * The transport subsidy's default policy (docs/SUBSIDY.md gives the reasons). The seeds give no
 * amounts: every number here is an ASSUMPTION for a county to replace through the API.
 */
export const DEFAULT_TRANSPORT_POLICY = {
  policyYear: 2020,
  eligiblePersonTypes: ["tuopin", "monitored"],
  requireOutsideGuangxi: true,
  destinationCodes: [] as string[],
  caps: [
    { regionCode: "44", capFen: 60_000 },
    ...Object.keys(GUANGDONG_CITIES)
      .filter((c) => ["4451", "4452", "4405", "4414", "4415"].includes(c))
      .map((regionCode) => ({ regionCode, capFen: 80_000 })),
  ] as SubsidyCap[],
  defaultCapFen: 100_000,
  minDaysInWork: 0,
  minMonthsInWork: 0,
  minTickets: 1,
  note: "默认政策（假设值，请各地按本地文件修改）：广东省内往返上限600元，粤东各市800元，其他省份1000元",
};

/**
 * The ticket rules of a round trip (ticket-rules.ts applies them). ASSUMPTION: a labourer may buy
 * the outbound ticket and travel some days before the job starts (a fair, a dormitory, a wait for
 * the first shift); a ticket more than this many days before the start is not this trip's.
 */
export const TICKET_RULES = {
  /** A round trip needs the outbound ticket (to the place of work); a return alone is not enough. */
  requireOutbound: true,
  /** A ticket dated more than this many days before the employment's start is flagged. */
  maxDaysBeforeStart: 30,
} as const;

/** The cap of the longest prefix of `destination` in the list; none → the default. */
export function capFor(
  policy: { caps: SubsidyCap[]; defaultCapFen: number },
  destination: string,
): number {
  let best: SubsidyCap | undefined;
  for (const c of policy.caps) {
    if (
      destination.startsWith(c.regionCode) &&
      c.regionCode.length > (best?.regionCode.length ?? 0)
    )
      best = c;
  }
  return best?.capFen ?? policy.defaultCapFen;
}

/** 6222 0212 3456 7890 → 6222********7890; short numbers keep only the last 2. */
export function maskAccount(account: string): string {
  if (account.length <= 8)
    return `${"*".repeat(Math.max(0, account.length - 2))}${account.slice(-2)}`;
  return `${account.slice(0, 4)}${"*".repeat(account.length - 8)}${account.slice(-4)}`;
}
