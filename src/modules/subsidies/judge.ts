import type { ClaimFinding, SubsidyCap } from "../../../db/schema/subsidies";
import { chinaDayStart } from "../../lib/china-time";
import { PERSON_TYPE_LABELS } from "../../lib/enums";
import { fenToYuan } from "../../lib/money";
import { GUANGDONG_CITIES } from "../../lib/provinces";
import { capFor } from "./rules";
import { type DatedTicket, ticketFindings } from "./ticket-rules";

/**
 * The automatic check as a pure function of the facts and the claim's own policy version: every
 * finding has a stable code and the Chinese text the labourer and the reviewer read. The check
 * passes when nothing fails; the amount is min(proven cost, cap) in integer fen.
 */

export interface JudgePolicy {
  ruleType: "transport_round_trip" | "stable_employment";
  eligiblePersonTypes: string[];
  requireOutsideGuangxi: boolean;
  destinationCodes: string[];
  caps: SubsidyCap[];
  defaultCapFen: number;
  minDaysInWork: number;
  minMonthsInWork: number;
  minTickets: number;
}

export interface JudgeFacts {
  personType: string;
  employment: {
    regionCode: string;
    outsideGuangxi: boolean;
    confirmed: boolean;
    startDate: string;
    endDate: string | null;
  };
  today: string;
  tickets: ({ amountFen: number } & DatedTicket)[];
  hasPayeeAccount: boolean;
}

export interface Judgement {
  findings: ClaimFinding[];
  passed: boolean;
  provenFen: number;
  capFen: number;
  amountFen: number;
}

const DAY_MS = 86_400_000;
const yuan = (fen: number) => `${fenToYuan(fen)} 元`;
const personTypeLabel = (t: string): string =>
  (PERSON_TYPE_LABELS as Record<string, string>)[t] ?? t;
const place = (code: string) => GUANGDONG_CITIES[code.slice(0, 4)] ?? code;

/** Whole days from the start to the end (or today), the start day counted. */
export function daysInWork(start: string, end: string): number {
  return Math.floor((chinaDayStart(end) - chinaDayStart(start)) / DAY_MS) + 1;
}

/** Whole calendar months from the start to the end (2026-01-15 → 2026-07-15 is 6). */
export function monthsInWork(start: string, end: string): number {
  const [sy, sm, sd] = start.split("-").map(Number) as [number, number, number];
  const [ey, em, ed] = end.split("-").map(Number) as [number, number, number];
  return (ey - sy) * 12 + (em - sm) - (ed < sd ? 1 : 0);
}

/** The eligibility rules alone (no proof): what a direct start is refused on at once. */
export function eligibility(policy: JudgePolicy, f: JudgeFacts): ClaimFinding[] {
  const out: ClaimFinding[] = [];
  const e = f.employment;
  const typeLabel = personTypeLabel(f.personType);
  out.push(
    policy.eligiblePersonTypes.includes(f.personType)
      ? { code: "PERSON_TYPE_OK", outcome: "pass", text: `人员类别为${typeLabel}，符合条件` }
      : {
          code: "PERSON_TYPE_NOT_ELIGIBLE",
          outcome: "fail",
          text: `人员类别为${typeLabel}，本补贴只发给${policy.eligiblePersonTypes.map((t) => personTypeLabel(t)).join("、")}`,
        },
  );
  if (policy.requireOutsideGuangxi && !e.outsideGuangxi)
    out.push({
      code: "DESTINATION_INSIDE_GUANGXI",
      outcome: "fail",
      text: "工作地在广西区内，外出务工交通补贴只发给到广西区外务工的人员",
    });
  else if (
    policy.destinationCodes.length > 0 &&
    !policy.destinationCodes.some((c) => e.regionCode.startsWith(c))
  )
    out.push({
      code: "DESTINATION_NOT_LISTED",
      outcome: "fail",
      text: `工作地（${place(e.regionCode)}）不在本政策的补贴地区范围内`,
    });
  else
    out.push({
      code: "DESTINATION_OK",
      outcome: "pass",
      text: `工作地在${place(e.regionCode)}，属于区外务工`,
    });
  out.push(
    e.confirmed
      ? { code: "EMPLOYMENT_CONFIRMED", outcome: "pass", text: "就业已核实确认" }
      : {
          code: "EMPLOYMENT_NOT_CONFIRMED",
          outcome: "fail",
          text: "就业还没有核实确认，请帮扶干部先核实就业",
        },
  );
  const end = e.endDate && e.endDate < f.today ? e.endDate : f.today;
  const days = e.startDate <= end ? daysInWork(e.startDate, end) : 0;
  if (days < policy.minDaysInWork)
    out.push({
      code: "DAYS_IN_WORK_SHORT",
      outcome: "fail",
      text: `已上岗 ${days} 天，须满 ${policy.minDaysInWork} 天才能申领`,
    });
  if (policy.ruleType === "stable_employment") {
    const months = e.startDate <= end ? monthsInWork(e.startDate, end) : 0;
    out.push(
      months >= policy.minMonthsInWork
        ? {
            code: "STABLE_MONTHS_OK",
            outcome: "pass",
            text: `已连续务工 ${months} 个月，满 ${policy.minMonthsInWork} 个月`,
          }
        : {
            code: "STABLE_MONTHS_SHORT",
            outcome: "fail",
            text: `已连续务工 ${months} 个月，须满 ${policy.minMonthsInWork} 个月`,
          },
    );
  }
  return out;
}

export function judge(policy: JudgePolicy, f: JudgeFacts): Judgement {
  const findings = eligibility(policy, f);
  const capFen = capFor(policy, f.employment.regionCode);
  let provenFen = capFen;
  if (policy.minTickets > 0) {
    provenFen = f.tickets.reduce((s, t) => s + t.amountFen, 0);
    if (f.tickets.length < policy.minTickets)
      findings.push({
        code: "PROOF_MISSING",
        outcome: "fail",
        text:
          f.tickets.length === 0
            ? "还没有上传车票：请拍照上传车票，并填写车票号和金额"
            : `已上传 ${f.tickets.length} 张车票，至少需要 ${policy.minTickets} 张`,
      });
    else
      findings.push({
        code: "PROOF_OK",
        outcome: "pass",
        text: `已上传 ${f.tickets.length} 张车票，合计 ${yuan(provenFen)}`,
      });
    if (policy.ruleType === "transport_round_trip")
      findings.push(...ticketFindings(f.tickets, f.employment.startDate));
  }
  if (!f.hasPayeeAccount)
    findings.push({
      code: "PAYEE_ACCOUNT_MISSING",
      outcome: "fail",
      text: "还没有填写收款的银行卡号或社保卡号",
    });
  const amountFen = Math.min(provenFen, capFen);
  findings.push(
    provenFen > capFen
      ? {
          code: "AMOUNT_CAPPED",
          outcome: "info",
          text: `车票合计 ${yuan(provenFen)}，超过上限 ${yuan(capFen)}，按上限核定 ${yuan(amountFen)}`,
        }
      : { code: "AMOUNT", outcome: "info", text: `核定补贴金额 ${yuan(amountFen)}` },
  );
  return {
    findings,
    passed: !findings.some((x) => x.outcome === "fail"),
    provenFen,
    capFen,
    amountFen,
  };
}

/** What is still missing, as one sentence for the notice (empty when nothing is). */
export function missingText(findings: ClaimFinding[]): string {
  return findings
    .filter((x) => x.outcome === "fail")
    .map((x) => x.text)
    .join("；");
}
