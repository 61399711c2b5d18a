/**
 * One source for every enum a person reads, with its Chinese label: the zod schemas and the
 * Postgres enums take their values from here, views their labels, and the pages read the same
 * table from `/web/labels.js` (`window.GT_LABELS`, generated from this module at start-up by
 * src/web/assets.ts; docs/DEVELOPING.md "Labels on the pages"). Add a value here, then
 * `npm run db:generate` if a Postgres enum uses it.
 */

type Labels = Readonly<Record<string, string>>;

/** The values of a label table, in order, typed for z.enum and pgEnum. */
export function valuesOf<T extends Labels>(labels: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
}

/** Why a labourer turns a recommendation down (steers later rounds: docs/MATCHING.md). */
export const DECLINE_REASON_LABELS = {
  too_far: "太远",
  wage_too_low: "工资低",
  family: "家里走不开",
  unsuitable_work: "工作不合适",
  other: "其他",
} as const;
export const DECLINE_REASONS = valuesOf(DECLINE_REASON_LABELS);
export type DeclineReason = keyof typeof DECLINE_REASON_LABELS;

export const FEEDBACK_LABELS = {
  none: "未查看",
  viewed: "已查看",
  applied: "已报名",
  declined: "不合适",
} as const;

export const JOB_CHANNEL_LABELS = {
  odd_job: "零工",
  workshop: "帮扶车间",
  gd_gx: "粤桂劳务协作",
  public_welfare: "公益性岗位",
  enterprise: "区内企业岗位",
} as const;
export const JOB_CHANNELS = valuesOf(JOB_CHANNEL_LABELS);

export const JOB_STATUS_LABELS = {
  draft: "草稿",
  open: "招聘中",
  filled: "已招满",
  closed: "已关闭",
  expired: "已过期",
} as const;

export const PERSON_TYPE_LABELS = {
  tuopin: "脱贫人口",
  monitored: "监测对象",
  other: "其他",
} as const;
export const PERSON_TYPES = valuesOf(PERSON_TYPE_LABELS);

export const LABOUR_CAPACITY_LABELS = {
  full: "全劳动力",
  half: "半劳动力",
  weak: "弱劳动力",
  none: "无劳动力",
} as const;
export const LABOUR_CAPACITIES = valuesOf(LABOUR_CAPACITY_LABELS);

export const WORK_INTENTION_LABELS = {
  none: "暂无务工意愿",
  local: "就近就业",
  in_province: "区内务工",
  out_province: "区外务工",
} as const;
export const WORK_INTENTIONS = valuesOf(WORK_INTENTION_LABELS);

export const EMPLOYMENT_STATUS_LABELS = {
  unemployed: "未就业",
  local: "本地就业",
  in_province: "区内务工",
  out_province: "区外务工",
  flexible: "灵活就业",
  public_welfare: "公益性岗位",
} as const;
export const EMPLOYMENT_STATUSES = valuesOf(EMPLOYMENT_STATUS_LABELS);

export const WAGE_UNIT_LABELS = { day: "日薪", month: "月薪", piece: "计件" } as const;

export const DELIVERY_STATUS_LABELS = {
  pending: "待发送",
  sending: "发送中",
  delivered: "已送达",
  fallback: "短信送达",
  failed: "发送失败",
  unknown: "待核实",
  skipped: "本人未同意接收推送",
} as const;

/** An application's state as the labourer reads it (what comes next: applications/rules.ts STATUS_TEXT). */
export const APPLICATION_STATUS_LABELS = {
  submitted: "已报名",
  viewed: "用工单位已查看",
  accepted: "用工单位同意录用",
  rejected: "未被录用",
  withdrawn: "已撤回报名",
  hired: "已录用",
  no_show: "未按约定报到",
  hire_rejected: "录用未获核实",
} as const;

/** An employer turning an application down. */
export const REJECT_REASON_LABELS = {
  not_qualified: "技能或证书不符合要求",
  age_mismatch: "年龄不符合要求",
  position_filled: "岗位已招满",
  unreachable: "电话联系不上",
  other: "其他原因",
} as const;

/** A labourer withdrawing an application. */
export const WITHDRAW_REASON_LABELS = {
  found_other_job: "已找到其他工作",
  too_far: "路程太远",
  wage_too_low: "工资太低",
  family: "家里走不开",
  changed_mind: "不想去了",
  other: "其他原因",
} as const;

/** County staff not confirming (不予确认) a hire the employer reported (docs/PLACEMENT.md). */
export const HIRE_REJECT_REASON_LABELS = {
  not_started: "本人未实际上岗",
  person_denies: "本人否认在该单位工作",
  no_proof: "用工单位不能提供用工证明",
  duplicate: "重复登记",
  other: "其他原因",
} as const;

/** Everything above under the names the pages use: `GT_LABELS.decline.too_far` → 太远. */
export const PAGE_LABELS = {
  decline: DECLINE_REASON_LABELS,
  feedback: FEEDBACK_LABELS,
  channel: JOB_CHANNEL_LABELS,
  jobStatus: JOB_STATUS_LABELS,
  personType: PERSON_TYPE_LABELS,
  capacity: LABOUR_CAPACITY_LABELS,
  intention: WORK_INTENTION_LABELS,
  employment: EMPLOYMENT_STATUS_LABELS,
  wageUnit: WAGE_UNIT_LABELS,
  delivery: DELIVERY_STATUS_LABELS,
  applicationStatus: APPLICATION_STATUS_LABELS,
  rejectReason: REJECT_REASON_LABELS,
  withdrawReason: WITHDRAW_REASON_LABELS,
  hireRejectReason: HIRE_REJECT_REASON_LABELS,
} as const;

/** The script the pages load before their own: `window.GT_LABELS`, frozen. */
export function labelsScript(): string {
  return `// Generated from src/lib/enums.ts at start-up; do not edit.\nwindow.GT_LABELS = Object.freeze(${JSON.stringify(PAGE_LABELS)});\n`;
}
