/**
 * `npx tsx scripts/bench/province-gen.ts [--labourers 3000000] [--db gt_bench_province]`
 *
 * Writes a realistic Guangxi into its own database (dropped and re-created, migrated, regions
 * loaded) for the monitoring benchmark (scripts/bench/monitoring.ts, docs/BENCHMARKS.md):
 * labourers across all 111 counties (weighted by each county's number of villages, uniform over
 * its villages), households, training, employments, recommendation rounds and their pushes, in
 * the proportions of seed 001 (docs/MONITORING.md; /work/shared/DOMAIN.md "Scale"):
 * - person type: 80 % 脱贫, 13 % monitored (514,500 of ≈ 3.9 M), 7 % other;
 * - labour capacity 70/15/10/5 % full/half/weak/none; intention 35 % out of Guangxi, 20 % in
 *   Guangxi, 35 % local, 10 % none;
 * - ≈ 82 % of those able and wanting work hold a job (2.889 M in work); of the jobs 40 % outside
 *   Guangxi (Guangdong), 20 % elsewhere in Guangxi, 17 % in the county, 10 % public-welfare posts
 *   (285,000), 10 % workshops (371,200 with the co-built parks), 3 % odd jobs; 4 % of the
 *   records are not confirmed yet (they count nowhere);
 * - 30 % had an earlier job that ended in the last 13 months (the returned and unstable lists);
 * - 3 % trained (91,100 attendances), 80 % of them passed; every pass got a round of 3
 *   recommendations and a push notification; households of 1–4 able members, 8 % relocated.
 * Everything is derived from the row number with a hash, so a run is deterministic and each table
 * is one streamed `COPY … FROM STDIN` (postgres.js writable, pipeline backpressure). Foreign keys
 * are not re-checked row by row during the COPY (`session_replication_role = replica`): the ids
 * are constructed to match.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { runMigrations } from "../../db/migrate";
import { loadReferenceData } from "../../db/seed/reference";
import { createLogger } from "../../src/lib/logger";

const { values: opts } = parseArgs({
  options: {
    labourers: { type: "string", default: "3000000" },
    db: { type: "string", default: "gt_bench_province" },
  },
});
const N = Number(opts.labourers);
const DB = opts.db!;
if (!/^gt_bench_[a-z0-9_]+$/.test(DB)) throw new Error("--db must be gt_bench_<name>");
const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const benchUrl = (db = DB) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  return u.toString();
};

const NOW = Date.now();
const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** A uniform [0, 1) from (row, salt): a 32-bit integer hash, no state. */
function u(i: number, salt: number): number {
  let x = (Math.imul(i, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}
const pickW = <T>(r: number, xs: readonly (readonly [T, number])[]): T => {
  let acc = 0;
  for (const [v, w] of xs) {
    acc += w;
    if (r < acc) return v;
  }
  return xs[xs.length - 1]![0];
};
const hex12 = (n: number) => n.toString(16).padStart(12, "0");
/** Constructed uuids: a table prefix and the row number. */
const uid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${hex12(n)}`;

const SURNAMES = "莫黄韦陆覃蒙李梁廖卢周罗蓝唐潘谭农赵邓盘";
const GIVEN = "振华秀英志强丽娟建国桂芳文明春梅海燕永福金凤德胜玉兰小军明辉晓红国庆美玲";
const nameOf = (i: number) =>
  SURNAMES[Math.floor(u(i, 90) * SURNAMES.length)]! +
  GIVEN[Math.floor(u(i, 91) * GIVEN.length)]! +
  (u(i, 92) < 0.7 ? GIVEN[Math.floor(u(i, 93) * GIVEN.length)]! : "");
const GD_COUNTIES = ["440306", "440307", "440106", "441900", "442000", "440604", "440113"];

interface Place {
  villages: string[][];
  counties: string[];
  /** Cumulative weights of counties (their village counts). */
  cum: number[];
}

async function places(sql: postgres.Sql): Promise<Place> {
  const rows = await sql<{ code: string }[]>`
    select code from regions where level = 'village' and code like '45%' order by code`;
  const by = new Map<string, string[]>();
  for (const r of rows) {
    const c = r.code.slice(0, 6);
    if (!by.has(c)) by.set(c, []);
    by.get(c)!.push(r.code);
  }
  const counties = [...by.keys()];
  const villages = counties.map((c) => by.get(c)!);
  let acc = 0;
  const cum = villages.map((v) => (acc += v.length) / rows.length);
  return { villages, counties, cum };
}

interface Person {
  i: number;
  hh: number;
  county: number;
  village: string;
}

/** Households in order, each with 1–4 members and a village; the people in them in order. */
function* households(p: Place) {
  let i = 0;
  for (let hh = 0; i < N; hh++) {
    const size = Math.min(
      N - i,
      pickW(u(hh, 1), [
        [1, 0.2],
        [2, 0.35],
        [3, 0.3],
        [4, 0.15],
      ] as const),
    );
    const r = u(hh, 2);
    let county = p.cum.findIndex((c) => r < c);
    if (county < 0) county = p.cum.length - 1;
    const vs = p.villages[county]!;
    const village = vs[Math.floor(u(hh, 3) * vs.length)]!;
    yield { hh, county, village, start: i, size };
    i += size;
  }
}
function* people(p: Place): Generator<Person> {
  for (const h of households(p))
    for (let k = 0; k < h.size; k++)
      yield { i: h.start + k, hh: h.hh, county: h.county, village: h.village };
}

const capacity = (i: number) =>
  pickW(u(i, 11), [
    ["full", 0.7],
    ["half", 0.15],
    ["weak", 0.1],
    ["none", 0.05],
  ] as const);
const intention = (i: number) =>
  pickW(u(i, 12), [
    ["out_province", 0.35],
    ["in_province", 0.2],
    ["local", 0.35],
    ["none", 0.1],
  ] as const);
const createdMs = (i: number) => NOW - Math.floor(30 + u(i, 13) * 1000) * DAY;
const employed = (i: number) =>
  capacity(i) !== "none" && intention(i) !== "none" && u(i, 20) < 0.82;
const trained = (i: number) => u(i, 30) < 0.03;
const passed = (i: number) => trained(i) && u(i, 31) < 0.8;
const passMs = (i: number) => NOW - Math.floor(20 + u(i, 32) * 380) * DAY;

const N_ = "\\N";
const line = (xs: (string | number | boolean | null)[]) =>
  `${xs.map((x) => (x === null ? N_ : String(x))).join("\t")}\n`;

/** Streams lines into `COPY table (cols) FROM STDIN`, batching ~2,000 lines per chunk. */
async function copy(sql: postgres.Sql, table: string, cols: string[], rows: Iterable<string>) {
  const t0 = Date.now();
  let n = 0;
  function* chunks() {
    let buf: string[] = [];
    for (const r of rows) {
      buf.push(r);
      n++;
      if (buf.length >= 2000) {
        yield buf.join("");
        buf = [];
      }
    }
    if (buf.length) yield buf.join("");
  }
  const reserved = await sql.reserve();
  try {
    await reserved`set session_replication_role = replica`;
    const w = await reserved.unsafe(`copy ${table} (${cols.join(", ")}) from stdin`).writable();
    await pipeline(Readable.from(chunks()), w);
  } finally {
    reserved.release();
  }
  console.log(
    `  ${table}: ${n.toLocaleString("en")} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return n;
}

function* employmentRows(p: Place) {
  for (const x of people(p)) {
    const { i } = x;
    const county = p.counties[x.county]!;
    if (employed(i)) {
      const k = u(i, 21);
      const start = NOW - Math.floor(10 + u(i, 22) * 700) * DAY;
      const confirmed = u(i, 23) >= 0.04;
      const [outside, region, channel, source] =
        k < 0.4
          ? [
              true,
              GD_COUNTIES[Math.floor(u(i, 24) * GD_COUNTIES.length)]!,
              u(i, 25) < 0.25 ? "gd_gx" : null,
              "self_found",
            ]
          : k < 0.6
            ? [
                false,
                p.counties[Math.floor(u(i, 24) * p.counties.length)]!,
                u(i, 25) < 0.33 ? "enterprise" : null,
                "self_found",
              ]
            : k < 0.77
              ? [false, county, null, "self_found"]
              : k < 0.87
                ? [false, county, "public_welfare", "other"]
                : k < 0.97
                  ? [false, county, "workshop", "other"]
                  : [false, county, "odd_job", "other"];
      yield line([
        uid("50000000", i),
        uid("10000000", i),
        source,
        "广西某用工单位",
        channel,
        region,
        outside,
        day(start),
        null,
        "cadre",
        confirmed ? iso(start + 3 * DAY) : null,
        confirmed ? "cadre" : null,
        iso(start + DAY),
      ]);
    }
    if (capacity(i) !== "none" && u(i, 26) < 0.3) {
      const end = NOW - Math.floor(30 + u(i, 27) * 360) * DAY;
      const start = end - Math.floor(20 + u(i, 28) * 300) * DAY;
      const out = u(i, 29) < 0.6;
      yield line([
        uid("51000000", i),
        uid("10000000", i),
        "self_found",
        "广东某厂",
        null,
        out ? GD_COUNTIES[0]! : county,
        out,
        day(start),
        day(end),
        "cadre",
        iso(start + 3 * DAY),
        "cadre",
        iso(start + DAY),
      ]);
    }
  }
}

async function main() {
  const t0 = Date.now();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB} with (force)`);
  await admin.unsafe(`create database ${DB}`);
  await admin.end();
  const url = benchUrl();
  await runMigrations(url);
  await loadReferenceData(url, createLogger("warn"));
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const p = await places(sql);
  console.log(`${DB}: ${N.toLocaleString("en")} labourers over ${p.counties.length} counties`);

  // Employers and postings: one employer and three postings per county (recommendation targets).
  for (const [c, county] of p.counties.entries()) {
    await sql`insert into employers (id, name, type, region_code, contact_name)
      values (${uid("70000000", c)}, ${`${county}帮扶车间`}, 'workshop', ${county}, '黄秀英')`;
    for (let k = 0; k < 3; k++)
      await sql`insert into jobs (id, employer_id, channel, status, title, occupation, headcount,
          wage_min_fen, wage_max_fen, wage_unit, region_code, place_name, employer_region_code,
          age_min, age_max, contact_name, contact_phone_enc, contact_phone_masked, posted_at, expires_at)
        values (${uid("80000000", c * 3 + k)}, ${uid("70000000", c)},
          ${["workshop", "odd_job", "enterprise"][k]!}::job_channel, 'open', '车间普工', '普工', 20,
          10000, 15000, 'day', ${county}, '县城', ${county}, 18, 60, '黄秀英', 'v1.bench',
          '139****0000', ${iso(NOW - 20 * DAY)}, ${iso(NOW + 60 * DAY)})`;
  }
  const courses = p.counties.map((county, c) => [uid("90000000", c), county] as const);
  for (const [id, county] of courses)
    await sql`insert into training_courses (id, occupation, title, provider, start_date, end_date, county_code, capacity)
      values (${id}, '家政服务员', '家政服务员培训班', '县职业技术学校', ${day(NOW - 420 * DAY)}, ${day(NOW - 20 * DAY)}, ${county}, 100000)`;

  await copy(
    sql,
    "households",
    ["id", "household_no", "village_code", "head_name", "resettlement_site_code", "created_at"],
    (function* () {
      for (const h of households(p))
        yield line([
          uid("20000000", h.hh),
          `BH${h.hh}`,
          h.village,
          nameOf(h.start),
          u(h.hh, 4) < 0.08 ? `RS-${h.village.slice(0, 6)}` : null,
          iso(createdMs(h.start)),
        ]);
    })(),
  );
  await copy(
    sql,
    "labourers",
    [
      "id",
      "name",
      "id_number_enc",
      "id_number_hash",
      "id_number_masked",
      "phone_masked",
      "sex",
      "birth_date",
      "household_id",
      "person_type",
      "labour_capacity",
      "work_intention",
      "village_code",
      "created_at",
    ],
    (function* () {
      for (const x of people(p)) {
        const { i } = x;
        yield line([
          uid("10000000", i),
          nameOf(i),
          "v1.bench",
          `bench-${i}`,
          `${x.village.slice(0, 6)}********${String(i % 10000).padStart(4, "0")}`,
          "139****0000",
          u(i, 14) < 0.5 ? "male" : "female",
          day(Date.UTC(1966 + Math.floor(u(i, 15) * 40), 4, 5)),
          uid("20000000", x.hh),
          pickW(u(i, 10), [
            ["tuopin", 0.8],
            ["monitored", 0.13],
            ["other", 0.07],
          ] as const),
          capacity(i),
          intention(i),
          x.village,
          iso(createdMs(i)),
        ]);
      }
    })(),
  );
  await copy(
    sql,
    "employments",
    [
      "id",
      "labourer_id",
      "source",
      "employer_name",
      "channel",
      "region_code",
      "outside_guangxi",
      "start_date",
      "end_date",
      "recorded_role",
      "confirmed_at",
      "confirmed_role",
      "created_at",
    ],
    employmentRows(p),
  );
  await copy(
    sql,
    "training_enrolments",
    [
      "id",
      "course_id",
      "labourer_id",
      "status",
      "certificate_no",
      "result_date",
      "result_recorded_at",
      "created_at",
    ],
    (function* () {
      for (const x of people(p)) {
        if (!trained(x.i)) continue;
        const ok = passed(x.i);
        yield line([
          uid("40000000", x.i),
          courses[x.county]![0],
          uid("10000000", x.i),
          ok ? "passed" : "enrolled",
          ok ? `C-${x.i}` : null,
          ok ? day(passMs(x.i)) : null,
          ok ? iso(passMs(x.i)) : null,
          iso(passMs(x.i) - 30 * DAY),
        ]);
      }
    })(),
  );
  await copy(
    sql,
    "recommendation_rounds",
    ["id", "labourer_id", "enrolment_id", "round", "trigger", "outcome", "picked", "created_at"],
    (function* () {
      for (const x of people(p))
        if (passed(x.i))
          yield line([
            uid("30000000", x.i),
            uid("10000000", x.i),
            uid("40000000", x.i),
            1,
            "training_passed",
            "complete",
            3,
            iso(passMs(x.i) + 3_600_000),
          ]);
    })(),
  );
  await copy(
    sql,
    "recommendations",
    [
      "id",
      "round_id",
      "labourer_id",
      "job_id",
      "round",
      "rank",
      "score",
      "score_parts",
      "reason",
      "step",
      "created_at",
    ],
    (function* () {
      for (const x of people(p)) {
        if (!passed(x.i)) continue;
        for (let k = 0; k < 3; k++)
          yield line([
            uid(`6000000${k}`, x.i),
            uid("30000000", x.i),
            uid("10000000", x.i),
            uid("80000000", x.county * 3 + k),
            1,
            k + 1,
            0.8,
            "{}",
            "离家近",
            "exact",
            iso(passMs(x.i) + 3_600_000),
          ]);
      }
    })(),
  );
  await copy(
    sql,
    "notifications",
    ["id", "kind", "subject_key", "labourer_id", "status", "content", "created_at"],
    (function* () {
      for (const x of people(p))
        if (passed(x.i))
          yield line([
            uid("a0000000", x.i),
            "round",
            `bench-round-${x.i}`,
            uid("10000000", x.i),
            "delivered",
            "{}",
            iso(passMs(x.i) + 3_700_000),
          ]);
    })(),
  );
  console.log("  analyze …");
  await sql`analyze`;
  const [size] = await sql<
    { s: string }[]
  >`select pg_size_pretty(pg_database_size(current_database())) as s`;
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; database size ${size!.s}`);
  await sql.end();
}

await main();
