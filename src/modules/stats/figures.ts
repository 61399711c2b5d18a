import { type SQL, sql } from "drizzle-orm";
import { EXTENSION_FIGURES } from "./extensions";
import {
  type AsOf,
  heldJobs,
  holdsJob,
  knownHouseholds,
  knownLabourers,
  scoped,
  ts,
} from "./figure-sql";
import { KEY_LABELS } from "./labels";

/**
 * THE place where monitoring figures are defined (docs/MONITORING.md). The live summary
 * (`/api/v1/stats/summary`), its XLSX export and the weekly snapshot all aggregate these same
 * sources, so they cannot drift apart.
 *
 * A figure is a count. `source` yields one row per counted thing: `rc` the region code it belongs
 * to (the person's or household's home village, a posting's workplace), `k` the breakdown key ("" for
 * none) and `v` its weight (1, or a number to add up). It must count only what was known at
 * `asOf` and what held on `day`, so that a snapshot of a past week computed today gives the
 * numbers that week had. Ratios (rates, per-person averages) are derived from two figures in
 * DERIVED, never stored.
 */
export interface Figure {
  id: string;
  /** Chinese, as the bureau reads it (page headings, XLSX headers). */
  label: string;
  /** The breakdown keys in display order with their Chinese labels; none: a single value. */
  keys?: Record<string, string>;
  source(p: AsOf): SQL;
}

const ONE = sql`1::bigint`;

const CORE: Figure[] = [
  {
    id: "labourers.person_type",
    label: "劳动力人数（按人员类别）",
    keys: KEY_LABELS.personType,
    source: (p) =>
      sql`select l.rc, l.person_type::text as k, ${ONE} as v from (${knownLabourers(p)}) l`,
  },
  {
    id: "labourers.labour_capacity",
    label: "劳动力人数（按劳动能力）",
    keys: KEY_LABELS.labourCapacity,
    source: (p) =>
      sql`select l.rc, l.labour_capacity::text as k, ${ONE} as v from (${knownLabourers(p)}) l`,
  },
  {
    id: "labourers.work_intention",
    label: "有务工意愿人数（按意愿）",
    keys: KEY_LABELS.workIntention,
    source: (p) =>
      sql`select l.rc, l.work_intention::text as k, ${ONE} as v from (${knownLabourers(p)}) l
          where l.work_intention <> 'none'`,
  },
  {
    id: "employed.kind",
    label: "已就业人数（按就业形式，仅计已确认）",
    keys: KEY_LABELS.employmentKind,
    source: (p) => sql`select h.rc, h.kind as k, ${ONE} as v from (${heldJobs(p)}) h`,
  },
  {
    id: "employed.channel",
    label: "已就业人数（按就业渠道，仅计已确认）",
    keys: KEY_LABELS.employmentChannel,
    source: (p) => sql`select h.rc, h.chan as k, ${ONE} as v from (${heldJobs(p)}) h`,
  },
  {
    id: "unemployed.with_intention",
    label: "有务工意愿未就业人数",
    source: (p) =>
      sql`select l.rc, '' as k, ${ONE} as v from (${knownLabourers(p)}) l
          where l.work_intention <> 'none'
            and not ${holdsJob(p, sql`l.id`)}`,
  },
  {
    id: "training.trained",
    label: "参加培训人数",
    source: (p) =>
      sql`select l.rc, '' as k, ${ONE} as v from (${knownLabourers(p)}) l
          where exists (select 1 from training_enrolments te
                        join training_courses tc on tc.id = te.course_id
                        where te.labourer_id = l.id and te.created_at < ${ts(p)}
                          and tc.start_date <= ${p.day}::date)`,
  },
  {
    id: "training.certified",
    label: "培训合格（取得证书）人数",
    source: (p) => sql`select c.rc, '' as k, ${ONE} as v from (${certified(p)}) c`,
  },
  {
    id: "training.certified_employed",
    label: "培训合格后实现就业人数（仅计已确认）",
    source: (p) =>
      sql`select c.rc, '' as k, ${ONE} as v from (${certified(p)}) c
          where exists (select 1 from employments e
                        where e.labourer_id = c.id and e.confirmed_at < ${ts(p)}
                          and e.start_date <= ${p.day}::date and e.start_date >= c.first_pass)`,
  },
  {
    id: "push.recommendations_to_certified",
    label: "向培训合格人员推荐岗位数",
    source: (p) =>
      sql`select c.rc, '' as k, count(r.id)::bigint as v from (${certified(p)}) c
          join recommendations r on r.labourer_id = c.id and r.created_at < ${ts(p)}
          group by c.rc, c.id`,
  },
  {
    id: "push.certified_with_3",
    label: "获推荐岗位不少于3个的培训合格人数",
    source: (p) =>
      sql`select c.rc, '' as k, ${ONE} as v from (${certified(p)}) c
          where (select count(*) from recommendations r
                 where r.labourer_id = c.id and r.created_at < ${ts(p)}) >= 3`,
  },
  {
    id: "alerts.open",
    label: "未处理的岗位不足预警数",
    source: (p) => sql`select a.rc, '' as k, ${ONE} as v from (${openAlerts(p)}) a`,
  },
  {
    id: "alerts.open_by_occupation",
    label: "未处理的岗位不足预警数（按工种）",
    source: (p) =>
      sql`select a.rc, coalesce(o.occ, '未注明工种') as k, ${ONE} as v from (${openAlerts(p)}) a
          left join lateral unnest(a.occupations) as o(occ) on true`,
  },
  {
    id: "households.with_labour",
    label: "有劳动能力的家庭户数",
    source: (p) => sql`select hh.rc, '' as k, ${ONE} as v from (${knownHouseholds(p)}) hh`,
  },
  {
    id: "households.zero_employment",
    label: "零就业家庭户数",
    source: (p) =>
      sql`select hh.rc, '' as k, ${ONE} as v from (${knownHouseholds(p)}) hh
          where hh.employed = 0`,
  },
  {
    id: "households.relocated",
    label: "易地扶贫搬迁户数（有劳动能力）",
    source: (p) =>
      sql`select hh.rc, '' as k, ${ONE} as v from (${knownHouseholds(p)}) hh where hh.relocated`,
  },
  {
    id: "households.relocated_none_employed",
    label: "搬迁户中无人就业户数",
    source: (p) =>
      sql`select hh.rc, '' as k, ${ONE} as v from (${knownHouseholds(p)}) hh
          where hh.relocated and hh.employed = 0`,
  },
  {
    id: "jobs.posted",
    label: "累计发布岗位数（帮扶车间、零工）",
    keys: KEY_LABELS.postingChannel,
    source: (p) =>
      sql`select j.region_code as rc, j.channel::text as k, ${ONE} as v from jobs j
          where ${scoped(sql`j.region_code`, p)} and j.channel in ('workshop', 'odd_job')
            and j.posted_at < ${ts(p)}`,
  },
  {
    id: "jobs.open",
    label: "在招岗位数（帮扶车间、零工）",
    keys: KEY_LABELS.postingChannel,
    source: (p) => sql`select j.rc, j.k, ${ONE} as v from (${openPostings(p)}) j`,
  },
  {
    id: "jobs.open_headcount",
    label: "在招岗位招聘人数（帮扶车间、零工）",
    keys: KEY_LABELS.postingChannel,
    source: (p) => sql`select j.rc, j.k, j.headcount::bigint as v from (${openPostings(p)}) j`,
  },
];

/** People certified (培训合格) by `asOf`, with the date of their first pass. */
function certified(p: AsOf): SQL {
  return sql`select l.id, l.rc, min(te.result_date) as first_pass
    from (${knownLabourers(p)}) l
    join training_enrolments te on te.labourer_id = l.id
    where te.status = 'passed' and te.result_recorded_at < ${ts(p)} and te.result_date <= ${p.day}::date
    group by l.id, l.rc`;
}

/** Shortage alerts open at `asOf`, placed at the labourer's home village. */
function openAlerts(p: AsOf): SQL {
  return sql`select l.village_code as rc, a.occupations from shortage_alerts a
    join labourers l on l.id = a.labourer_id
    where ${scoped(sql`l.village_code`, p)} and a.created_at < ${ts(p)}
      and (a.resolved_at is null or a.resolved_at >= ${ts(p)})`;
}

/** Workshop and odd-job postings taking people at `asOf`. */
function openPostings(p: AsOf): SQL {
  return sql`select j.region_code as rc, j.channel::text as k, j.headcount from jobs j
    where ${scoped(sql`j.region_code`, p)} and j.channel in ('workshop', 'odd_job')
      and j.posted_at < ${ts(p)} and j.expires_at > ${ts(p)}
      and (j.closed_at is null or j.closed_at >= ${ts(p)})
      and (j.filled_at is null or j.filled_at >= ${ts(p)})`;
}

/** Every figure: the core ones, then those other modules add (extensions.ts). */
export const FIGURES: Figure[] = [...CORE, ...EXTENSION_FIGURES];

export const FIGURE_BY_ID = new Map(FIGURES.map((f) => [f.id, f]));

/** Ratios shown beside the counts, computed from two figures' totals (never stored). */
export interface Derived {
  id: string;
  label: string;
  numerator: string;
  denominator: string;
  /** A policy target for the ratio (e.g. 0.3 for the first-employment rate, seed 002 §10). */
  target?: number;
  /** "rate": shown as a percentage; "average": a plain number. */
  kind: "rate" | "average";
}

export const DERIVED: Derived[] = [
  {
    id: "training.first_employment_rate",
    label: "培训合格人员首次就业率",
    numerator: "training.certified_employed",
    denominator: "training.certified",
    target: 0.3,
    kind: "rate",
  },
  {
    id: "push.recommendations_per_certified",
    label: "人均推荐岗位数（培训合格人员）",
    numerator: "push.recommendations_to_certified",
    denominator: "training.certified",
    target: 3,
    kind: "average",
  },
  {
    id: "push.share_with_3",
    label: "获推荐不少于3个岗位的比例",
    numerator: "push.certified_with_3",
    denominator: "training.certified",
    target: 1,
    kind: "rate",
  },
];
