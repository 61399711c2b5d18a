import { type SQL, sql } from "drizzle-orm";
import {
  type AsOf,
  heldOn,
  holdsJob,
  JOB_KIND,
  knownHouseholds,
  listScoped,
  PERSON_COLS,
  scoped,
  ts,
} from "./figure-sql";
import { CARE_LISTS } from "./warning-lists-care";

/**
 * The warning lists (docs/MONITORING.md, "Warning lists"): who needs a call or a visit. Each list
 * is one SQL source over rows with `id`, `created_at` (the page key: (created_at, id), newest
 * first), `rc` (the home village) and the columns its `details` name; the runner (warnings.ts)
 * pages, masks and labels them. Every list counts only confirmed employment records.
 */
export interface ListParams extends AsOf {
  /** trained_not_employed: days since passing after which a person without a job is listed. */
  days: number;
}

export interface WarningList {
  id: string;
  /** Chinese title (page, XLSX sheet). */
  label: string;
  subject: "labourer" | "household" | "alert" | "help_request" | "follow_up";
  /** Sorts besides the common ones (warning-sorts.ts), by id. */
  sorts?: string[];
  /** List-specific columns: the SQL column and its Chinese header. */
  details: { key: string; label: string }[];
  source(p: ListParams): SQL;
  /** What to do next, in Chinese, for one row. */
  nextStep(row: Record<string, unknown>, p: ListParams): string;
}

/**
 * Registry people in scope known at `asOf`, with the columns every labourer list shows, `extra`
 * columns from `join` (lateral subqueries), and the list's condition.
 */
const person = (p: AsOf, o: { extra?: SQL; join?: SQL; where: SQL }) =>
  sql`select l.id, l.created_at, ${PERSON_COLS} ${o.extra ?? sql``}
    from labourers l ${o.join ?? sql``}
    where ${listScoped(sql`l.village_code`, p)} and l.created_at < ${ts(p)} and ${o.where}`;

const WANTS_WORK = sql`l.work_intention <> 'none' and l.labour_capacity <> 'none'`;
const OUT_OF_COUNTY = sql`(${JOB_KIND}) in ('out_province', 'in_province')`;
const daysBefore = (p: AsOf, n: number) => sql`(${p.day}::date - ${n}::int)`;
const confirmedBy = (p: AsOf) => sql`e.confirmed_at < ${ts(p)} and e.start_date <= ${p.day}::date`;

export const WARNING_LISTS: WarningList[] = [
  {
    id: "wanted_not_working",
    label: "有务工意愿但本季度未务工",
    subject: "labourer",
    details: [],
    source: (p) =>
      person(p, {
        where: sql`${WANTS_WORK} and not exists (select 1 from employments e
          where e.labourer_id = l.id and ${confirmedBy(p)}
            and (e.end_date is null or e.end_date > ${daysBefore(p, 90)}))`,
      }),
    nextStep: () => "电话或上门了解未务工原因，推荐合适岗位或安排技能培训",
  },
  {
    id: "short_work",
    label: "近12个月务工不足6个月",
    subject: "labourer",
    details: [{ key: "days_worked", label: "近12个月务工天数" }],
    sorts: ["days_worked"],
    source: (p) =>
      person(p, {
        extra: sql`, w.days_worked`,
        join: sql`cross join lateral (
          select coalesce(sum(greatest(0, least(coalesce(e.end_date, ${p.day}::date), ${p.day}::date)
                 - greatest(e.start_date, ${daysBefore(p, 364)}) + 1)), 0)::int as days_worked
          from employments e where e.labourer_id = l.id and ${confirmedBy(p)}) w`,
        where: sql`${WANTS_WORK} and w.days_worked between 1 and 182`,
      }),
    nextStep: () => "了解务工中断原因，推荐帮扶车间、区内企业等稳定岗位，争取连续务工满6个月",
  },
  {
    id: "returned",
    label: "外出务工返乡人员（近180天）",
    subject: "labourer",
    details: [
      { key: "returned_on", label: "返乡日期（上份工作结束）" },
      { key: "worked_in", label: "原务工地" },
    ],
    source: (p) =>
      person(p, {
        extra: sql`, r.end_date::text as returned_on,
          coalesce((select g.name from regions g where g.code = r.region_code), r.region_code) as worked_in`,
        join: sql`join lateral (
          select e.end_date, e.region_code from employments e
          where e.labourer_id = l.id and ${confirmedBy(p)} and ${OUT_OF_COUNTY}
            and e.end_date <= ${p.day}::date and e.end_date > ${daysBefore(p, 180)}
          order by e.end_date desc limit 1) r on true`,
        where: sql`not ${holdsJob(p, sql`l.id`)}`,
      }),
    nextStep: () =>
      "了解返乡原因和务工意愿，推荐就近岗位（帮扶车间、零工、公益性岗位）或组织再次外出",
  },
  {
    id: "willing_out_not_gone",
    label: "有外出务工意愿但未外出",
    subject: "labourer",
    details: [],
    source: (p) =>
      person(p, {
        where: sql`l.work_intention in ('in_province', 'out_province') and l.labour_capacity <> 'none'
          and not exists (select 1 from employments e where e.labourer_id = l.id
                          and ${heldOn(p)} and ${OUT_OF_COUNTY})`,
      }),
    nextStep: () => "推荐粤桂劳务协作或区内企业岗位，组织“点对点”输送，落实交通补贴政策",
  },
  {
    id: "unstable",
    label: "就业不稳定（近12个月结束2份及以上工作）",
    subject: "labourer",
    details: [{ key: "ended_jobs", label: "近12个月结束的工作数" }],
    source: (p) =>
      person(p, {
        extra: sql`, u.ended_jobs`,
        join: sql`cross join lateral (
          select count(*)::int as ended_jobs from employments e
          where e.labourer_id = l.id and ${confirmedBy(p)}
            and e.end_date <= ${p.day}::date and e.end_date > ${daysBefore(p, 365)}) u`,
        where: sql`u.ended_jobs >= 2`,
      }),
    nextStep: () => "回访了解频繁换岗原因，推荐更稳定的岗位，并在就业后7、30、90天跟踪回访",
  },
  {
    id: "unemployed_with_intention",
    label: "有务工意愿未就业人员",
    subject: "labourer",
    details: [
      { key: "days_since_push", label: "距上次推送天数" },
      { key: "days_since_contact", label: "距上次联系天数" },
    ],
    sorts: ["days_since_push", "days_since_contact"],
    source: (p) =>
      person(p, {
        extra: sql`, (${p.day}::date - (c.last_push at time zone 'Asia/Shanghai')::date) as days_since_push,
          (${p.day}::date - (c.last_contact at time zone 'Asia/Shanghai')::date) as days_since_contact`,
        join: sql`cross join lateral (select
          (select max(n.created_at) from notifications n
            where n.labourer_id = l.id and n.kind = 'round' and n.created_at < ${ts(p)}) as last_push,
          greatest(
            (select max(r.feedback_at) from recommendations r
              where r.labourer_id = l.id and r.feedback_at < ${ts(p)}),
            (select max(a.created_at) from applications a
              where a.labourer_id = l.id and a.created_at < ${ts(p)}),
            (select max(e.created_at) from employments e
              where e.labourer_id = l.id and e.created_at < ${ts(p)})) as last_contact) c`,
        where: sql`l.work_intention <> 'none' and not ${holdsJob(p, sql`l.id`)}`,
      }),
    nextStep: (r) => {
      if (r.days_since_push === null)
        return "尚未推送过岗位：核实培训情况，或由工作人员人工推荐岗位";
      if (r.days_since_contact === null || Number(r.days_since_contact) > 30)
        return "超过30天没有联系：电话或上门了解情况，更新务工意愿";
      return "跟进已推荐岗位的报名和录用情况";
    },
  },
  {
    id: "trained_not_employed",
    label: "培训合格后未就业",
    subject: "labourer",
    details: [
      { key: "passed_on", label: "培训合格日期" },
      { key: "days_since_pass", label: "合格后天数" },
    ],
    sorts: ["days_since_pass"],
    source: (p) =>
      person(p, {
        extra: sql`, t.first_pass::text as passed_on, (${p.day}::date - t.first_pass) as days_since_pass`,
        join: sql`join lateral (select min(te.result_date) as first_pass from training_enrolments te
          where te.labourer_id = l.id and te.status = 'passed' and te.result_recorded_at < ${ts(p)}
            and te.result_date <= ${p.day}::date) t on t.first_pass is not null`,
        where: sql`t.first_pass <= ${daysBefore(p, p.days)}
          and not exists (select 1 from employments e where e.labourer_id = l.id
                          and ${confirmedBy(p)} and e.start_date >= t.first_pass)`,
      }),
    nextStep: (_r, p) =>
      `培训合格已超过${p.days}天仍未就业：核实已推荐岗位的情况，补推岗位或协调用工单位面试`,
  },
  {
    id: "zero_employment_households",
    label: "零就业家庭",
    subject: "household",
    details: [
      { key: "household_no", label: "户编号" },
      { key: "able", label: "有劳动能力人数" },
      { key: "relocated_label", label: "是否易地搬迁户" },
    ],
    source: (p) =>
      sql`select hh.id, hh.created_at, hh.rc, hh.head_name as name, hh.household_no, hh.able,
          case when hh.relocated then '是' else '否' end as relocated_label
        from (${knownHouseholds(p)}) hh where hh.employed = 0`,
    nextStep: (r) =>
      r.relocated_label === "是"
        ? "搬迁户无人就业：优先安排安置点帮扶车间或公益性岗位，确保每户至少一人就业"
        : "逐户走访，优先推荐公益性岗位或帮扶车间岗位，确保至少一人就业（动态清零）",
  },
  {
    id: "shortage_alerts",
    label: "岗位不足预警（未处理）",
    subject: "alert",
    details: [
      { key: "occupations_label", label: "工种" },
      { key: "found", label: "已找到岗位数" },
      { key: "missing", label: "还差岗位数" },
      { key: "rounds", label: "连续不足轮数" },
    ],
    source: (p) =>
      sql`select a.id, a.created_at, l.village_code as rc, l.name, l.id_number_masked, l.phone_masked,
          l.id as labourer_id, array_to_string(a.occupations, '、') as occupations_label,
          a.found, a.missing, a.rounds
        from shortage_alerts a join labourers l on l.id = a.labourer_id
        where ${scoped(sql`l.village_code`, p)} and a.created_at < ${ts(p)}
          and (a.resolved_at is null or a.resolved_at >= ${ts(p)})`,
    nextStep: (r) =>
      `合适岗位不足：联系帮扶车间、零工市场或粤桂协作单位补充${r.occupations_label || "相应工种"}岗位，或由工作人员人工推荐`,
  },
  ...CARE_LISTS,
];

export const WARNING_LIST_IDS = WARNING_LISTS.map((l) => l.id) as [string, ...string[]];
export const WARNING_LIST_BY_ID = new Map(WARNING_LISTS.map((l) => [l.id, l]));
