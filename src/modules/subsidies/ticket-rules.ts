import type { ClaimFinding } from "../../../db/schema/subsidies";
import { TICKET_RULES } from "./rules";

/**
 * The tickets of a round trip against their dates and legs (part of the automatic check, judge.ts):
 * an outbound ticket is needed, a return dated before the outbound is flagged, and so is a ticket
 * dated long before the job started (TICKET_RULES in rules.ts). Tickets uploaded before the date
 * and leg were asked (both null) are not judged on them. Every finding in Chinese.
 */
export interface DatedTicket {
  ticketNo?: string;
  travelDate?: string | null;
  leg?: "outbound" | "return" | null;
}

const DAY_MS = 86_400_000;

/** 2026-11-03 → 2026年11月3日 */
export function dayWords(ymd: string): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The day `days` before `ymd` (calendar days; dates carry no time zone). */
export function daysBefore(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

const no = (t: DatedTicket) => (t.ticketNo ? `票号 ${t.ticketNo} 的` : "");

export function ticketFindings(
  tickets: DatedTicket[],
  startDate: string,
  rules: { requireOutbound: boolean; maxDaysBeforeStart: number } = TICKET_RULES,
): ClaimFinding[] {
  const dated = tickets.filter((t) => t.leg && t.travelDate) as (DatedTicket & {
    travelDate: string;
    leg: "outbound" | "return";
  })[];
  if (dated.length === 0) return [];
  const out: ClaimFinding[] = [];
  const outbound = dated.filter((t) => t.leg === "outbound");
  if (rules.requireOutbound && outbound.length === 0)
    out.push({
      code: "TICKET_OUTBOUND_MISSING",
      outcome: "fail",
      text: "往返交通补贴要有去程车票（去务工地的那张），现在只上传了返程车票",
    });
  const firstOut = outbound.map((t) => t.travelDate).sort()[0];
  if (firstOut)
    for (const t of dated)
      if (t.leg === "return" && t.travelDate < firstOut)
        out.push({
          code: "TICKET_RETURN_BEFORE_OUTBOUND",
          outcome: "fail",
          text: `${no(t)}返程车票乘车日期${dayWords(t.travelDate)}，早于去程车票的${dayWords(firstOut)}，请核对车票日期和去程、返程`,
        });
  const earliest = daysBefore(startDate, rules.maxDaysBeforeStart);
  for (const t of dated)
    if (t.travelDate < earliest)
      out.push({
        code: "TICKET_BEFORE_START",
        outcome: "fail",
        text: `${no(t)}车票乘车日期${dayWords(t.travelDate)}，比上岗日期${dayWords(startDate)}早了 ${rules.maxDaysBeforeStart} 天以上，不像是这次外出务工的车票`,
      });
  if (out.length === 0)
    out.push({
      code: "TICKET_DATES_OK",
      outcome: "pass",
      text: firstOut ? `车票日期核对无误：去程 ${dayWords(firstOut)}` : "车票日期核对无误",
    });
  return out;
}
