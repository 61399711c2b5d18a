/**
 * One source for every enum a person reads, with its Chinese label: the zod schemas and the
 * Postgres enums take their values from here, views their labels, and the pages read the same
 * table from `/web/labels.js` (`window.GT_LABELS`, generated from this module at start-up by
 * src/web/assets.ts; docs/DEVELOPING.md "Labels on the pages"). Add a value here, then
 * `npm run db:generate` if a Postgres enum uses it.
 */

import { GUANGDONG_CITIES } from "./provinces";

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

/** How a labourer wants job pushes: WeChat first (SMS when WeChat cannot reach them), or SMS only. */
export const PUSH_CHANNEL_LABELS = {
  wechat: "微信",
  sms: "短信",
} as const;
export const PUSH_CHANNELS = valuesOf(PUSH_CHANNEL_LABELS);

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

/** Why a job ended (the end route and the 不在了 check-in answer share it). */
export const END_REASON_LABELS = {
  contract_ended: "合同到期",
  quit: "本人辞职",
  dismissed: "被辞退",
  health: "身体原因",
  family: "家庭原因",
  other: "其他（须写明）",
} as const;
export const END_REASONS = valuesOf(END_REASON_LABELS);

/** How a job was found: through an application here, or recorded from outside the system. */
export const EMPLOYMENT_SOURCE_LABELS = {
  application: "系统内录用",
  self_found: "自主就业",
  own_business: "自主创业",
  dispatch: "劳务派遣",
  other: "其他",
} as const;

/** What an uploaded file proves about a job. */
export const EVIDENCE_KIND_LABELS = {
  contract_photo: "劳动合同照片",
  employer_confirmation: "用工单位证明",
  other: "其他材料",
} as const;
export const EVIDENCE_KINDS = valuesOf(EVIDENCE_KIND_LABELS);

/** The matching ladder's steps: how far a pick was relaxed (docs/MATCHING.md). */
export const LADDER_STEP_LABELS = {
  township: "本乡镇",
  county: "本县",
  city: "本市",
  guangxi: "广西区内",
  guangdong: "广东全省",
  wage_floor: "放宽工资要求",
  neighbour_occupations: "相近工种",
  safety_net: "公益性岗位兜底",
} as const;

/** Why a person gets no round. */
export const INELIGIBILITY_LABELS = {
  no_work_intention: "本人暂无务工意愿",
  no_labour_capacity: "无劳动能力",
} as const;

/** A round's result and what started it. */
export const ROUND_OUTCOME_LABELS = {
  complete: "已推荐",
  shortage: "岗位不足",
  ineligible: "不符合推荐条件",
} as const;
export const ROUND_TRIGGER_LABELS = {
  training_passed: "培训合格",
  scheduled: "定期推荐",
  rerun: "人工重新推荐",
  intention_changed: "务工意愿变化",
} as const;

export const PHYSICAL_DEMAND_LABELS = { light: "轻体力", normal: "一般", heavy: "重体力" } as const;
export const PHYSICAL_DEMANDS = valuesOf(PHYSICAL_DEMAND_LABELS);

/** A notification's kind and the channel it went by. */
export const NOTIFICATION_KIND_LABELS = { round: "岗位推荐", digest: "干部日报" } as const;
export const PROVIDER_LABELS = { wechat: "微信", sms: "短信", dev: "测试通道" } as const;

/** Who a user is. */
export const ROLE_LABELS = {
  admin: "管理员",
  bureau: "人社部门",
  cadre: "帮扶干部",
  employer: "用工单位",
  labourer: "求职者",
} as const;
/** A transport-subsidy claim's state (the moves: src/modules/subsidies/rules.ts). */
export const SUBSIDY_CLAIM_STATUS_LABELS = {
  proposed: "可以申领",
  submitted: "已提交",
  checked: "待审核",
  approved: "审核通过",
  rejected: "未通过",
  returned: "需补充材料",
  paid: "已发放",
  payment_failed: "发放失败",
} as const;
export const SUBSIDY_CLAIM_STATUSES = valuesOf(SUBSIDY_CLAIM_STATUS_LABELS);

/** Where a subsidy is paid to. */
export const PAYEE_ACCOUNT_LABELS = {
  bank_card: "银行卡",
  social_security_card: "社保卡",
} as const;
export const PAYEE_ACCOUNT_TYPES = valuesOf(PAYEE_ACCOUNT_LABELS);

/** How a subsidy programme decides eligibility (subsidy_programmes.rule_type). */
export const SUBSIDY_RULE_TYPE_LABELS = {
  transport_round_trip: "往返交通补贴（凭车票，到区外务工）",
  stable_employment: "稳定就业补助（区外连续务工满若干个月）",
} as const;
export const SUBSIDY_RULE_TYPES = valuesOf(SUBSIDY_RULE_TYPE_LABELS);

/** Which leg of the round trip a ticket is for (subsidy_proofs.leg). */
export const TICKET_LEG_LABELS = {
  outbound: "去程",
  return: "返程",
} as const;
export const TICKET_LEGS = valuesOf(TICKET_LEG_LABELS);

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
  endReason: END_REASON_LABELS,
  employmentSource: EMPLOYMENT_SOURCE_LABELS,
  evidenceKind: EVIDENCE_KIND_LABELS,
  confirmedRole: ROLE_LABELS,
  step: LADDER_STEP_LABELS,
  ineligible: INELIGIBILITY_LABELS,
  outcome: ROUND_OUTCOME_LABELS,
  trigger: ROUND_TRIGGER_LABELS,
  physicalDemand: PHYSICAL_DEMAND_LABELS,
  kind: NOTIFICATION_KIND_LABELS,
  provider: PROVIDER_LABELS,
  role: ROLE_LABELS,
  subsidyStatus: SUBSIDY_CLAIM_STATUS_LABELS,
  payeeAccount: PAYEE_ACCOUNT_LABELS,
  ticketLeg: TICKET_LEG_LABELS,
  subsidyRuleType: SUBSIDY_RULE_TYPE_LABELS,
  pushChannel: PUSH_CHANNEL_LABELS,
  hireRejectReason: HIRE_REJECT_REASON_LABELS,
  /** Guangdong's 21 prefecture cities (src/lib/provinces.ts): 我的资料's 想去广东哪里. */
  guangdongCity: GUANGDONG_CITIES,
} as const;

/** The script the pages load before their own: `window.GT_LABELS`, frozen. */
export function labelsScript(): string {
  return `// Generated from src/lib/enums.ts at start-up; do not edit.\nwindow.GT_LABELS = Object.freeze(${JSON.stringify(PAGE_LABELS)});\n`;
}
