import { type SQL, sql } from "drizzle-orm";

/**
 * Building blocks of the figure sources (figures.ts, warning lists): what was known at an instant
 * and what held on a day. Only confirmed employment records count ("no paper numbers",
 * docs/PLACEMENT.md); the kind of a job mirrors `kindOf` in src/modules/employments/status.ts.
 */
export interface AsOf {
  /** Region prefix ("" for everything): rows whose region code starts with it. */
  prefix: string;
  /** Count what was recorded before this instant (creation, confirmation, result recording). */
  asOf: Date;
  /** The China date on which a job must be held (started on or before, not ended by it). */
  day: string;
}

/** The `asOf` instant as a SQL timestamptz parameter. */
export const ts = (p: Pick<AsOf, "asOf">): SQL => sql`${p.asOf.toISOString()}::timestamptz`;

/** `col LIKE 'prefix%'`: region scope as a prefix test an index with text_pattern_ops serves. */
export function scoped(col: SQL, p: Pick<AsOf, "prefix">): SQL {
  return sql`${col} like ${`${p.prefix}%`}`;
}

/**
 * Region scope of a labourer list (`labourers_county_created_idx` on `(left(village_code, 6),
 * created_at, id)`, `labourers_county_village_idx` on `(left(village_code, 6), village_code, id)`):
 * a county (or anything inside one) is asked as `left(col, 6) = county`, so a page sorted by
 * registration or by region walks an index in order and stops after `limit` rows instead of
 * sorting the county's every row; a township or village adds its prefix test. A province
 * or city keeps the prefix test (its rows are a large share of the registration order anyway).
 * Same rows as `scoped` (region codes are digits, a county code is 6 of them).
 */
export function listScoped(col: SQL, p: Pick<AsOf, "prefix">): SQL {
  if (p.prefix.length < 6) return scoped(col, p);
  const county = sql`left(${col}, 6) = ${p.prefix.slice(0, 6)}`;
  return p.prefix.length === 6 ? county : sql`${county} and ${scoped(col, p)}`;
}

/** A confirmed job held on `day` (started, not ended; confirmed before `asOf`), for `e`. */
export function heldOn(p: AsOf, e = sql`e`): SQL {
  return sql`${e}.confirmed_at < ${ts(p)} and ${e}.start_date <= ${p.day}::date
    and (${e}.end_date is null or ${e}.end_date > ${p.day}::date)`;
}

/** `exists` a confirmed job held on `day` by the labourer `labourerId`. */
export function holdsJob(p: AsOf, labourerId: SQL): SQL {
  return sql`exists (select 1 from employments e where e.labourer_id = ${labourerId} and ${heldOn(p)})`;
}

/** The columns every person row of a warning list shows, from the labourer `l`. */
export const PERSON_COLS = sql`l.village_code as rc, l.name, l.id_number_masked, l.phone_masked,
  l.person_type::text as person_type, l.labour_capacity::text as labour_capacity,
  l.work_intention::text as work_intention`;

/** Registry labourers known at `asOf`, in scope: id, rc (home village) and the attributes counted. */
export function knownLabourers(p: AsOf): SQL {
  return sql`select l.id, l.village_code as rc, l.person_type, l.labour_capacity, l.work_intention
    from labourers l
    where ${scoped(sql`l.village_code`, p)} and l.created_at < ${ts(p)}`;
}

/** The SQL kind of a job (e) for a labourer (l): the same rule as employments/status.ts `kindOf`. */
export const JOB_KIND = sql`case
    when e.outside_guangxi then 'out_province'
    when e.channel = 'public_welfare' then 'public_welfare'
    when e.channel = 'odd_job' or e.source = 'own_business' then 'flexible'
    when left(e.region_code, 6) = left(l.village_code, 6) then 'local'
    else 'in_province' end`;

/**
 * One row per person holding a confirmed job on `day`: the newest held job names the kind and the
 * channel (the posting's channel, or how the job was found when it came from outside the system).
 */
export function heldJobs(p: AsOf): SQL {
  return sql`select distinct on (e.labourer_id) e.labourer_id, l.village_code as rc,
      ${JOB_KIND} as kind, coalesce(e.channel::text, e.source::text) as chan
    from employments e join labourers l on l.id = e.labourer_id
    where ${scoped(sql`l.village_code`, p)} and l.created_at < ${ts(p)} and ${heldOn(p)}
    order by e.labourer_id, e.start_date desc, e.created_at desc`;
}

/**
 * Households known at `asOf` with at least one member able to work (labour capacity not none),
 * with how many of those members hold a confirmed job on `day` and whether the household was
 * relocated (易地扶贫搬迁: a resettlement site on the household or a member).
 */
export function knownHouseholds(p: AsOf): SQL {
  return sql`select hh.id, hh.village_code as rc, hh.created_at, hh.household_no, hh.head_name,
      (bool_or(hh.resettlement_site_code is not null or hh.resettlement_site_name is not null
               or l.resettlement_site_code is not null or l.resettlement_site_name is not null)) as relocated,
      count(*) filter (where ${holdsJob(p, sql`l.id`)})::int as employed,
      count(*)::int as able
    from households hh
    join labourers l on l.household_id = hh.id and l.created_at < ${ts(p)} and l.labour_capacity <> 'none'
    where ${scoped(sql`hh.village_code`, p)} and hh.created_at < ${ts(p)}
    group by hh.id`;
}
