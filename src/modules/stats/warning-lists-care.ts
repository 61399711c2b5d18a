import { sql } from "drizzle-orm";
import { HELP_KIND_LABELS } from "../retention/rules";
import { PERSON_COLS, scoped, ts } from "./figure-sql";
import type { WarningList } from "./warning-lists";

/**
 * The retention module's open work as warning lists (docs/MONITORING.md, "Warning lists"): help
 * requests nobody has answered and check-ins nobody answered that became follow-up tasks
 * (tables in db/schema/retention.ts). As of `asOf`: raised before it, not answered or resolved
 * before it. Scoped by the labourer's home village, paged by the request's or task's creation.
 */
const helpKindLabel = sql.raw(
  `case hr.kind::text ${Object.entries(HELP_KIND_LABELS)
    .map(([k, v]) => `when '${k}' then '${v}'`)
    .join(" ")} else hr.kind::text end`,
);

/** Days from the China date of `col` to `day`. */
const daysSince = (col: string, day: string) =>
  sql`(${day}::date - (${sql.raw(col)} at time zone 'Asia/Shanghai')::date)::int`;

export const CARE_LISTS: WarningList[] = [
  {
    id: "help_requests_unanswered",
    label: "求助未答复",
    subject: "help_request",
    details: [
      { key: "help_kind_label", label: "求助事项" },
      { key: "asked_on", label: "求助日期" },
      { key: "days_waiting", label: "已等待天数" },
    ],
    sorts: ["days_waiting"],
    source: (p) =>
      sql`select hr.id, hr.created_at, ${PERSON_COLS}, l.id as labourer_id,
          hr.kind::text as help_kind, ${helpKindLabel} as help_kind_label,
          (hr.created_at at time zone 'Asia/Shanghai')::date::text as asked_on,
          ${daysSince("hr.created_at", p.day)} as days_waiting
        from help_requests hr join labourers l on l.id = hr.labourer_id
        where ${scoped(sql`l.village_code`, p)} and hr.created_at < ${ts(p)}
          and (hr.status = 'open' or hr.answered_at >= ${ts(p)})`,
    nextStep: (r) =>
      r.help_kind === "wage_arrears"
        ? "尽快联系本人和用工单位核实工资拖欠情况，协调劳动保障监察处理，并在求助待办中答复"
        : r.help_kind === "find_job"
          ? "尽快电话联系本人，推荐合适岗位或人工推荐，并在求助待办中答复"
          : "尽快电话联系本人了解情况，并在求助待办中答复",
  },
  {
    id: "retention_follow_ups",
    label: "就业回访待跟进",
    subject: "follow_up",
    details: [
      { key: "day_offset", label: "回访节点（上岗后天数）" },
      { key: "employer_name", label: "工作单位" },
      { key: "asked_on", label: "询问日期" },
      { key: "days_waiting", label: "待跟进天数" },
    ],
    sorts: ["days_waiting"],
    source: (p) =>
      sql`select t.id, t.created_at, ${PERSON_COLS}, l.id as labourer_id,
          c.day_offset::int as day_offset, e.employer_name,
          (c.asked_at at time zone 'Asia/Shanghai')::date::text as asked_on,
          ${daysSince("t.created_at", p.day)} as days_waiting
        from follow_up_tasks t
        join employment_check_ins c on c.id = t.check_in_id
        join employments e on e.id = c.employment_id
        join labourers l on l.id = t.labourer_id
        where t.kind = 'check_in_unanswered' and ${scoped(sql`l.village_code`, p)}
          and t.created_at < ${ts(p)} and (t.status = 'open' or t.resolved_at >= ${ts(p)})`,
    nextStep: (r) =>
      `上岗后第${r.day_offset}天的回访没有回答：电话或上门确认是否仍在${r.employer_name || "原单位"}工作，在回访待办中登记结果`,
  },
];
