/**
 * `npm run bench:push -- [--postings 50000] [--workers 5000] [--processes 1] [--recommend-concurrency 8]
 *   [--batch-size 32] [--batch-wait-ms 20] [--per-rung 200] [--page 50] [--skip-full true] [--notify-concurrency 32] [--wechat-delay-ms 20] [--spans true|false] [--reuse] [--keep] [--profile]`
 *
 * The push pipeline end to end (issue 6): `--workers` trained labourers pass at once (one
 * transaction, one `training.passed` outbox row each) with `--postings` open postings indexed;
 * measured until every one has a stored round and every push is final at a fake WeChat server on
 * loopback. The workers run as deployed (`startWorkers`: outbox relay, recommend, notify, …) in
 * `--processes` child processes of this script, instrumented to attribute time to Meilisearch
 * queries, Postgres queries and transactions, delivery, and queue waits. Next to it, in the same
 * run on the same Redis, BullMQ's no-op throughput: the same number of jobs (two per labourer: a
 * round and its push) through a worker that does nothing, at the same concurrency.
 *
 * Everything lives in its own database `gangtong_bench_push`, queue prefix `bench-push` and index
 * `bench_push_jobs`, dropped afterwards unless `--keep`; `--reuse` keeps the postings of a kept
 * run and only replaces the labourers.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Job, Queue, Worker } from "bullmq";
import { PostgresJsPreparedQuery, PostgresJsSession } from "drizzle-orm/postgres-js/session";
import { Index } from "meilisearch";
import postgres from "postgres";
import { buildConfig, type Config, parseEnv } from "../../src/config";
import { closeDeps, createDeps } from "../../src/deps";
import { maskIdNumber, maskPhone } from "../../src/lib/crypto";
import type { Deps } from "../../src/lib/ctx";
import { idCheckChar } from "../../src/lib/id-number";
import { createLogger } from "../../src/lib/logger";
import { MicroBatcher } from "../../src/modules/recommendations/batcher";
import { type IndexRow, toJobDocument } from "../../src/search/jobs-documents";
import { ensureJobsIndex, jobsIndex } from "../../src/search/jobs-index";
import { meiliSearcher } from "../../src/search/meili-http";
import { countingWechat } from "../../tests/integration/recommendations/fakes-wechat-counting";
import { startWorkers } from "../../workers/index";
import { OutboxRelay } from "../../workers/outbox-relay";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo, writeResults } from "./runner";

const { values: opts } = parseArgs({
  options: {
    role: { type: "string", default: "main" },
    postings: { type: "string", default: "50000" },
    workers: { type: "string", default: "5000" },
    processes: { type: "string", default: "1" },
    "recommend-concurrency": { type: "string", default: "8" },
    "notify-concurrency": { type: "string", default: "32" },
    /** Rounds per recommend batch (RECOMMEND_BATCH_SIZE); the worker runs at least 2 × this many jobs at once. */
    "batch-size": { type: "string", default: "32" },
    "batch-wait-ms": { type: "string", default: "20" },
    /** MATCH_CANDIDATES_PER_RUNG: hits per ladder rung. */
    "per-rung": { type: "string", default: "200" },
    /** MATCH_CANDIDATES_PAGE: a rung is read in pages of this many (equal to --per-rung: one page). */
    page: { type: "string", default: "50" },
    /** MATCH_SKIP_FULL_POSTINGS. */
    "skip-full": { type: "string", default: "true" },
    "wechat-delay-ms": { type: "string", default: "20" },
    "deadline-min": { type: "string", default: "45" },
    /**
     * Instrument the worker processes (spans by prototype patches, attributed to queues through
     * an AsyncLocalStorage). "false" runs them exactly as deployed: the CPU and throughput figures
     * then carry no measurement overhead, and the "where the time goes" tables are left out.
     */
    spans: { type: "string", default: "true" },
    /** Write a V8 CPU profile of each worker process and summarise where its CPU went. */
    profile: { type: "boolean", default: false },
    /** Skip the once-a-minute VACUUM ANALYZE that stands in for autovacuum (off on this machine's server). */
    "no-vacuum": { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const DB_NAME = "gangtong_bench_push";
const QUEUE_PREFIX = "bench-push";
const INDEX_PREFIX = "bench_push_";
const APP = { id: "wx-bench-push", secret: "bench-push-secret", template: "TPL-BENCH" };

// ================================================================ worker role (a child process)

/** Span totals keyed `<context>:<kind>`: context is the BullMQ queue (or `relay`) the time was spent for. */
type Spans = Record<string, { n: number; ms: number }>;

type Timed = <A extends unknown[], R>(
  kind: string,
  fn: (this: unknown, ...a: A) => Promise<R>,
) => (this: unknown, ...a: A) => Promise<R>;

/** Spans by prototype patches: the production code runs unchanged. Answers the timer for deps' objects. */
function instrument(spans: Spans): Timed {
  const where = new AsyncLocalStorage<string>();
  const add = (kind: string, ms: number, ctx = where.getStore() ?? "other") => {
    const s = (spans[`${ctx}:${kind}`] ??= { n: 0, ms: 0 });
    s.n++;
    s.ms += ms;
  };
  function timed<A extends unknown[], R>(kind: string, fn: (this: unknown, ...a: A) => Promise<R>) {
    return function (this: unknown, ...a: A): Promise<R> {
      const t = performance.now();
      return fn.apply(this, a).finally(() => add(kind, performance.now() - t));
    };
  }
  // Instrumentation by prototype: the production code runs unchanged.
  const wp = Worker.prototype as unknown as {
    callProcessJob(job: Job, ...rest: unknown[]): Promise<unknown>;
  };
  const call = wp.callProcessJob;
  wp.callProcessJob = function (this: Worker, job: Job, ...rest: unknown[]) {
    if (job.attemptsMade === 0 && job.processedOn)
      add("queue-wait", job.processedOn - job.timestamp, this.name);
    return where.run(this.name, timed("run", call).bind(this, job, ...rest));
  };
  const ip = Index.prototype as unknown as { search: (...a: unknown[]) => Promise<unknown> };
  ip.search = timed("meili.search", ip.search);
  // Each query is also counted under a short key (verb, tables, shape), context "sql".
  const pq = PostgresJsPreparedQuery.prototype as unknown as Record<
    "execute" | "all",
    (...a: unknown[]) => Promise<unknown>
  > & { queryString: string };
  for (const method of ["execute", "all"] as const) {
    const orig = pq[method];
    pq[method] = function (this: { queryString: string }, ...a: unknown[]) {
      const t = performance.now();
      return orig.apply(this, a).finally(() => {
        const ms = performance.now() - t;
        add("pg.query", ms);
        add(queryKey(this.queryString), ms, "sql");
      });
    };
  }
  const ps = PostgresJsSession.prototype as unknown as {
    transaction: (...a: unknown[]) => Promise<unknown>;
  };
  ps.transaction = timed("pg.transaction", ps.transaction);
  const qp = Queue.prototype as unknown as Record<
    "add" | "addBulk",
    (...a: unknown[]) => Promise<unknown>
  >;
  qp.add = timed("redis.enqueue", qp.add);
  qp.addBulk = timed("redis.enqueue", qp.addBulk);
  // Rounds run in batches (workers/recommend.ts): count batches and their sizes ("ms" = inputs).
  const bp = MicroBatcher.prototype as unknown as { runBatch: (batch: unknown[]) => Promise<void> };
  const runBatch = bp.runBatch;
  bp.runBatch = function (this: unknown, batch: unknown[]) {
    add("batch-inputs", batch.length);
    return timed("batch", runBatch).call(this, batch);
  };
  const rp = OutboxRelay.prototype as unknown as { drainOnce: () => Promise<number> };
  const drain = rp.drainOnce;
  rp.drainOnce = function (this: OutboxRelay) {
    return where.run("relay", timed("run", drain).bind(this));
  };

  return timed;
}

/** The searcher and notifier of this process's deps, timed (after `instrument`). */
function instrumentDeps(timed: Timed, deps: Deps) {
  // The round batches' multi-searches go through the keep-alive searcher, not Index.search.
  const searcher = meiliSearcher(deps.search) as unknown as Record<
    "search" | "multiSearch",
    (...a: unknown[]) => Promise<unknown>
  >;
  searcher.search = timed("meili.search", searcher.search);
  searcher.multiSearch = timed("meili.multi-search", searcher.multiSearch);
  const send = deps.notifier.send.bind(deps.notifier);
  deps.notifier = { provider: deps.notifier.provider, send: timed("deliver", send) };
}

async function workerRole() {
  const spans: Spans = {};
  const timed = process.env.BENCH_SPANS !== "false" ? instrument(spans) : undefined;
  const booted = await boot();
  const deps = createDeps(booted.config, booted.log);
  if (timed) instrumentDeps(timed, deps);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const running = await startWorkers(deps);
  process.stdout.write(`${JSON.stringify({ workersReady: true, pid: process.pid })}\n`);
  process.once(
    "SIGTERM",
    () =>
      void (async () => {
        await running.stop();
        const cpu = process.cpuUsage(cpu0);
        const stats = {
          spans,
          published: running.relay.published,
          cpuS: (cpu.user + cpu.system) / 1e6,
          eventLoopUtilisation: performance.eventLoopUtilization(elu0).utilization,
        };
        process.stdout.write(`${JSON.stringify({ benchStats: stats })}\n`);
        await closeDeps(deps);
        process.exit(0);
      })(),
  );
}

/** `select recommendations group-by`, `update outbox skip-locked`: enough to tell the queries apart. */
function queryKey(q: string): string {
  const verb = q.trim().split(/\s/)[0]!.toLowerCase();
  const tables = [
    ...new Set([...q.matchAll(/\b(?:from|into|update|join)\s+"?(\w+)"?/gi)].map((m) => m[1])),
  ];
  const shape = [
    /group by/i.test(q) && "group-by",
    /skip locked/i.test(q) && "skip-locked",
    /pg_notify/i.test(q) && "notify",
    /exists/i.test(q) && "exists",
  ];
  return [verb, tables.join(","), ...shape.filter(Boolean)].join(" ").trim();
}

// ================================================================ seeding

let seed = 20261123;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const BRANDS: Record<string, string[]> = {
  "bagui-jiazheng": ["家政服务员", "育婴员", "养老护理员", "保洁员"],
  "bagui-jiangong": ["建筑工", "钢筋工", "木工", "砌筑工", "电工", "焊工"],
  "bagui-mifen": ["米粉师傅", "中式烹调师", "面点师", "厨工"],
  "guilin-youcha": ["油茶师傅", "中式烹调师", "餐厅服务员"],
  "yuecai-shifu": ["粤菜厨师", "中式烹调师", "面点师", "厨工"],
};
const GENERAL = [
  "普工",
  "包装工",
  "装配工",
  "缝纫工",
  "采摘工",
  "茶叶采摘工",
  "搬运工",
  "保安员",
  "绿化工",
  "分拣员",
];
const CHANNEL_MIX = [
  "odd_job",
  "odd_job",
  "odd_job",
  "workshop",
  "workshop",
  "public_welfare",
  "gd_gx",
  "gd_gx",
  "gd_gx",
  "gd_gx",
] as const;
const EMPLOYER_TYPE = {
  odd_job: "individual",
  workshop: "workshop",
  public_welfare: "public_welfare",
  gd_gx: "enterprise",
} as const;

interface Places {
  gxCounties: string[];
  townships: Map<string, string[]>;
  gdPlaces: string[];
  villages: string[];
  names: Map<string, { name: string; lat: number | null; lng: number | null }>;
}

async function loadPlaces(sql: postgres.Sql): Promise<Places> {
  const rows = await sql<
    {
      code: string;
      name: string;
      level: string;
      parent_code: string | null;
      lat: number | null;
      lng: number | null;
    }[]
  >`
    select code, name, level, parent_code, lat, lng from regions where level in ('city', 'county', 'township', 'village')`;
  const townships = new Map<string, string[]>();
  for (const r of rows)
    if (r.level === "township" && r.code.startsWith("45"))
      townships.set(r.code.slice(0, 6), [...(townships.get(r.code.slice(0, 6)) ?? []), r.code]);
  return {
    gxCounties: rows
      .filter((r) => r.level === "county" && r.code.startsWith("45") && townships.has(r.code))
      .map((r) => r.code),
    townships,
    gdPlaces: rows
      .filter(
        (r) =>
          r.code.startsWith("44") &&
          (r.level === "county" || r.code === "4419" || r.code === "4420"),
      )
      .map((r) => r.code),
    villages: rows
      .filter((r) => r.level === "village" && r.code.startsWith("45"))
      .map((r) => r.code),
    names: new Map(rows.map((r) => [r.code, { name: r.name, lat: r.lat, lng: r.lng }])),
  };
}

/** One posting as both its `jobs` row and the index row `toJobDocument` reads. */
function posting(
  i: number,
  employers: Record<string, string[]>,
  places: Places,
  deps: Deps,
  now: number,
) {
  const channel = pick(CHANNEL_MIX);
  const home = pick(places.gxCounties);
  const regionCode =
    channel === "gd_gx" ? pick(places.gdPlaces) : pick(places.townships.get(home)!);
  const place = places.names.get(regionCode)!;
  const brand = rand() < 0.6 ? pick(Object.keys(BRANDS)) : null;
  const occupation = brand ? pick(BRANDS[brand]!) : pick(GENERAL);
  const wageUnit = channel === "odd_job" ? ("day" as const) : ("month" as const);
  const wageMin =
    channel === "odd_job"
      ? between(100, 200) * 100
      : channel === "public_welfare"
        ? between(8, 15) * 10_000
        : between(30, 60) * 10_000;
  const employerId = pick(employers[channel]!);
  const expiresAt = new Date(now + between(5, 60) * 86_400_000);
  const postedAt = new Date(now - between(0, 30 * 1440) * 60_000);
  const phone = `139${String(i % 100_000_000).padStart(8, "0")}`;
  const row = {
    id: randomUUID(),
    employer_id: employerId,
    channel,
    status: "open",
    title: `${place.name}${occupation}（${i}）`,
    description: `${occupation}，${channel === "gd_gx" ? "包吃包住，点对点接送" : "离家近，可照顾家庭"}。`,
    occupation,
    certificates: brand && rand() < 0.15 ? [brand] : [],
    headcount: between(1, 20),
    wage_min_fen: wageMin,
    wage_max_fen: Math.round(wageMin * 1.3),
    wage_unit: wageUnit,
    region_code: regionCode,
    place_name: place.name,
    employer_region_code: channel === "gd_gx" ? regionCode : home,
    lat: place.lat,
    lng: place.lng,
    age_min: 16,
    age_max: pick([45, 55, 60]),
    contact_name: "王经理",
    contact_phone_enc: deps.pii.encrypt(phone),
    contact_phone_masked: maskPhone(phone),
    departure_region_code: channel === "gd_gx" ? home : null,
    point_to_point: channel === "gd_gx",
    board_and_lodging: channel === "gd_gx",
    transport_subsidy_eligible: channel === "gd_gx",
    posted_at: postedAt,
    expires_at: expiresAt,
    version: 1,
    indexed_version: 1,
  };
  const index: IndexRow = {
    id: row.id,
    version: 1,
    status: "open",
    title: row.title,
    description: row.description,
    occupation,
    skills: [],
    certificates: row.certificates,
    employerId,
    channel,
    regionCode,
    placeName: place.name,
    wageMinFen: row.wage_min_fen,
    wageMaxFen: row.wage_max_fen,
    wageUnit,
    headcount: row.headcount,
    benefits: [],
    ageMin: 16,
    ageMax: row.age_max,
    physicalDemand: "normal",
    lat: place.lat,
    lng: place.lng,
    pinned: false,
    address: null,
    meetingPoint: null,
    workStartOn: null,
    workEndOn: null,
    pointToPoint: row.point_to_point,
    boardAndLodging: row.board_and_lodging,
    coBuiltPark: false,
    transportSubsidyEligible: row.transport_subsidy_eligible,
    postedAt,
    expiresAt,
    employerName: `用工单位${employerId.slice(0, 6)}`,
    employerStatus: "verified",
  };
  return { row, index };
}

const BATCH = 10_000;

async function seedPostings(sql: postgres.Sql, deps: Deps, places: Places, n: number) {
  const employers: Record<string, string[]> = {};
  for (const channel of ["odd_job", "workshop", "public_welfare", "gd_gx"] as const) {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      id: randomUUID(),
      name: `用工单位-${channel}-${i}`,
      type: EMPLOYER_TYPE[channel],
      region_code: pick(places.gxCounties),
      contact_name: "黄秀英",
      verification_status: "verified",
      verified_at: new Date(),
    }));
    await sql`insert into employers ${sql(rows)}`;
    employers[channel] = rows.map((r) => r.id);
  }
  await ensureJobsIndex(deps.search);
  const index = jobsIndex(deps.search);
  const now = Date.now();
  let pgMs = 0;
  const t0 = performance.now();
  let lastTask = 0;
  for (let done = 0; done < n; done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - done) }, (_, k) =>
      posting(done + k, employers, places, deps, now),
    );
    const t = performance.now();
    for (let k = 0; k < batch.length; k += 1000)
      await sql`insert into jobs ${sql(batch.slice(k, k + 1000).map((b) => b.row))}`;
    pgMs += performance.now() - t;
    lastTask = (
      await index.addDocuments(
        batch.map((b) => toJobDocument(b.index)),
        { primaryKey: "id" },
      )
    ).taskUid;
    if (done % 100_000 === 0) process.stdout.write(`  postings: ${done + batch.length}/${n}\n`);
  }
  const task = await deps.search.client.tasks.waitForTask(lastTask, {
    timeout: 3 * 3600_000,
    interval: 1000,
  });
  if (task.status !== "succeeded")
    throw new Error(`indexing failed: ${JSON.stringify(task.error)}`);
  const indexedS = (performance.now() - t0) / 1000;
  const { numberOfDocuments } = await index.getStats();
  if (numberOfDocuments !== n)
    throw new Error(`index holds ${numberOfDocuments} documents, expected ${n}`);
  return { pgS: pgMs / 1000, indexedS, documents: numberOfDocuments };
}

/** Labourers across every Guangxi village, one course per brand, one enrolment each. */
async function seedLabourers(
  sql: postgres.Sql,
  deps: Deps,
  places: Places,
  n: number,
): Promise<string[]> {
  const courses = Object.entries(BRANDS).map(([brand, occ]) => ({
    id: randomUUID(),
    brand_code: brand,
    occupation: occ[0]!,
    title: `${brand} 培训班（基准测试）`,
    provider: "县职业技术学校",
    start_date: "2026-09-01",
    end_date: "2026-09-20",
    county_code: "450332",
    capacity: n,
  }));
  await sql`insert into training_courses ${sql(courses)}`;
  const courseIds: string[] = [];
  const usedIds = new Set<string>();
  // ≈ 25 columns a row: 2,000 rows stay under Postgres's 65,535 parameters per statement.
  for (let done = 0; done < n; done += 2000) {
    const rows = Array.from({ length: Math.min(2000, n - done) }, (_, k) => {
      const i = done + k;
      const village = pick(places.villages);
      let first17: string;
      do
        first17 = `${village.slice(0, 6)}${between(1968, 2004)}${String(between(1, 12)).padStart(2, "0")}${between(10, 28)}${String(between(0, 999)).padStart(3, "0")}`;
      while (usedIds.has(first17));
      usedIds.add(first17);
      const id = first17 + idCheckChar(first17);
      const phone = `13${String(100_000_000 + i).slice(-9)}`;
      const intention = pick([
        "local",
        "local",
        "in_province",
        "out_province",
        "out_province",
      ] as const);
      return {
        id: randomUUID(),
        name: `劳动力${i}`,
        id_number_enc: deps.pii.encrypt(id),
        id_number_hash: deps.pii.hash("id", id),
        id_number_masked: maskIdNumber(id),
        sex: Number(first17[16]) % 2 ? "male" : "female",
        birth_date: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
        phone_enc: deps.pii.encrypt(phone),
        phone_hash: deps.pii.hash("phone", phone),
        phone_masked: maskPhone(phone),
        person_type: "tuopin",
        labour_capacity: pick(["full", "full", "full", "full", "half", "weak"]),
        work_intention: intention,
        preferred_city_codes:
          intention === "out_province" ? [pick(["4403", "4401", "4419", "4406"])] : [],
        expected_wage_fen: rand() < 0.5 ? between(30, 55) * 10_000 : null,
        village_code: village,
        wechat_openid: `o-bench-${i}`,
        contact_consent: true,
        consent_at: new Date(),
      };
    });
    for (const r of rows)
      Object.assign(r, { expected_wage_unit: r.expected_wage_fen === null ? null : "month" });
    await sql`insert into labourers ${sql(rows)}`;
    // Every bench labourer subscribed from the H5 page (docs/WECHAT.md), so WeChat carries the push.
    await sql`insert into wechat_subscriptions ${sql(rows.map((r) => ({ openid: r.wechat_openid, template_id: APP.template, remaining: 1 })))}`;
    const enrolments = rows.map((r, k) => ({
      id: randomUUID(),
      course_id: courses[(done + k) % courses.length]!.id,
      labourer_id: r.id,
    }));
    await sql`insert into training_enrolments ${sql(enrolments)}`;
    courseIds.push(...enrolments.map((e) => e.id));
  }
  return courseIds;
}

/** 培训合格 for everyone in one transaction, one `training.passed` outbox row each. */
async function passAllAtOnce(sql: postgres.Sql): Promise<number> {
  return sql.begin(async (tx) => {
    const passed = await tx<{ id: string }[]>`
      update training_enrolments set status = 'passed', certificate_no = 'BENCH-' || left(id::text, 8), result_date = '2026-09-20',
        result_recorded_at = now(), updated_at = now() where status = 'enrolled' returning id`;
    for (let k = 0; k < passed.length; k += 10_000) {
      await tx`insert into outbox ${tx(passed.slice(k, k + 10_000).map((p) => ({ type: "training.passed", aggregate_id: p.id })))}`;
    }
    await tx`select pg_notify('outbox', '')`;
    return passed.length;
  });
}

// ================================================================ measurement (main role)

/** CPU seconds used so far per process id, with the process's command name. */
function cpuByPid(): Map<number, { comm: string; cpuS: number }> {
  const out = new Map<number, { comm: string; cpuS: number }>();
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime + stime, in clock ticks (USER_HZ = 100 on Linux).
      out.set(Number(pid), {
        comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        cpuS: (Number(f[11]) + Number(f[12])) / 100,
      });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/**
 * CPU seconds between two samples for the services and our worker processes. A process that
 * started in between counts from zero; one that ended in between is lost (connection-pool backends
 * live for the whole run). On a shared machine other people's queries count too.
 */
function cpuBetween(
  a: Map<number, { comm: string; cpuS: number }>,
  b: Map<number, { comm: string; cpuS: number }>,
  workerPids: number[],
  ourBackends: number[],
) {
  const out: Record<string, number> = {
    "bench-workers": 0,
    "postgres (this database)": 0,
    "postgres (all)": 0,
    meilisearch: 0,
    "redis-server": 0,
  };
  for (const [pid, now] of b) {
    if (ourBackends.includes(pid))
      out["postgres (this database)"]! += now.cpuS - (a.get(pid)?.cpuS ?? 0);
    const key = workerPids.includes(pid)
      ? "bench-workers"
      : now.comm === "postgres"
        ? "postgres (all)"
        : now.comm;
    if (!(key in out)) continue;
    const before = a.get(pid);
    out[key]! += now.cpuS - (before && before.comm === now.comm ? before.cpuS : 0);
  }
  return out;
}

/** Machine-wide busy CPU seconds (all cores), from /proc/stat. */
function machineBusyS(): number {
  const f = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = f[3]! + f[4]!;
  return (f.reduce((a, b) => a + b, 0) - idle) / 100;
}

/** BullMQ with a worker that does nothing: `jobs` added in bulk, then drained at `concurrency`. */
async function noopThroughput(deps: Deps, jobs: number, concurrency: number) {
  const name = `noop-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(name, { connection: deps.redis, prefix: QUEUE_PREFIX });
  const t0 = performance.now();
  for (let k = 0; k < jobs; k += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - k) }, (_, j) => ({
        name: "noop",
        data: { i: k + j },
        opts: { jobId: `noop-${k + j}`, removeOnComplete: true },
      })),
    );
  }
  const addedS = (performance.now() - t0) / 1000;
  let done = 0;
  const t1 = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker(name, async () => {}, {
      connection: deps.redis,
      prefix: QUEUE_PREFIX,
      concurrency,
    });
    worker.on("completed", () => {
      if (++done === jobs) void worker.close().then(resolve);
    });
  });
  await finished;
  const drainS = (performance.now() - t1) / 1000;
  await queue.obliterate({ force: true });
  await queue.close();
  return { jobs, concurrency, addedS, drainS, jobsPerS: jobs / drainS };
}

interface ChildStats {
  spans: Spans;
  published: number;
  cpuS: number;
  eventLoopUtilisation: number;
}

const PROFILE_DIR = path.resolve(".data/bench/push-pipeline-profiles");

/** The Node flags the deployed workers run with: those of package.json's `workers` script (`tsx --flag=… scripts/worker.ts`). */
const WORKER_NODE_FLAGS: string[] =
  (
    JSON.parse(readFileSync(path.resolve("package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts.workers!.match(/--[\w-]+=\S+/g) ?? [];

function spawnWorker(env: NodeJS.ProcessEnv) {
  const prof = opts.profile ? ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR] : [];
  const child = spawn(
    process.execPath,
    [
      ...WORKER_NODE_FLAGS,
      ...prof,
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      "--role",
      "worker",
    ],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  let statsLine: ChildStats | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      for (let nl = out.indexOf("\n"); nl >= 0; nl = out.indexOf("\n")) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.includes('"workersReady":true')) resolve();
        else if (line.startsWith('{"benchStats"'))
          statsLine = (JSON.parse(line) as { benchStats: ChildStats }).benchStats;
        else if (line.trim()) process.stderr.write(`[worker ${child.pid}] ${line.slice(0, 500)}\n`);
      }
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  const exited = new Promise<ChildStats | undefined>((resolve) =>
    child.once("exit", () => resolve(statsLine)),
  );
  return { child, ready, exited };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time of a V8 CPU profile, by area (our modules, each package, Node, GC) and by function. */
function summariseProfiles(dir: string) {
  const byArea = new Map<string, number>();
  const byFn = new Map<string, number>();
  let totalMs = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const prof = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
    };
    const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
    prof.samples.forEach((id, i) => {
      const ms = (prof.timeDeltas[i + 1] ?? 0) / 1000;
      const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
      if (functionName === "(idle)") return;
      const area = functionName.startsWith("(")
        ? functionName
        : url.includes("/node_modules/")
          ? url
              .split("/node_modules/")
              .pop()!
              .split("/")
              .slice(0, url.includes("/node_modules/@") ? 2 : 1)
              .join("/")
          : url.startsWith("node:") || !url
            ? "node internals"
            : path
                .relative(process.cwd(), url.startsWith("file:") ? fileURLToPath(url) : url)
                .split("/")
                .slice(0, 3)
                .join("/");
      byArea.set(area, (byArea.get(area) ?? 0) + ms);
      const fn = `${functionName || "(anonymous)"} ${url ? `${url.split("/").slice(-2).join("/")}:${lineNumber + 1}` : ""}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
      totalMs += ms;
    });
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => ({ k, ms: Math.round(v) }));
  return { totalMs: Math.round(totalMs), areas: top(byArea, 15), functions: top(byFn, 15) };
}

interface Progress {
  t: number;
  rounds: number;
  pending: number;
  sending: number;
  final: number;
}

async function progress(sql: postgres.Sql): Promise<Omit<Progress, "t">> {
  const [r] = await sql<{ rounds: number; pending: number; sending: number; final: number }[]>`
    select (select count(*)::int from recommendation_rounds) as rounds,
      count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'sending')::int as sending,
      count(*) filter (where status not in ('pending', 'sending'))::int as final
    from notifications`;
  return r!;
}

async function prepareDatabase(
  adminUrl: string,
  reuse: boolean,
): Promise<{ url: string; reused: boolean }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${DB_NAME}`;
    if (reuse && exists) return { url: u.toString(), reused: true };
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.unsafe(`create database ${DB_NAME}`);
    return { url: u.toString(), reused: false };
  } finally {
    await admin.end();
  }
}

/** The WeChat token cache and rate-limit buckets live beside the queues, under the same prefix. */
async function deleteNotifyKeys(deps: Deps) {
  for (const pattern of [`${QUEUE_PREFIX}:wechat:*`, `${QUEUE_PREFIX}:notify-rate:*`]) {
    const keys = await deps.redis.keys(pattern);
    if (keys.length) await deps.redis.del(...keys);
  }
}

/** A kept run's labourers, rounds and pushes go; its employers and postings stay. */
async function clearLabourers(sql: postgres.Sql) {
  await sql`truncate notifications, shortage_alerts, recommendations, recommendation_rounds, training_enrolments, training_courses, labourers, wechat_subscriptions, outbox cascade`;
}

// ================================================================ main

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)} %`;
const s1 = (v: number) => v.toFixed(1);

async function main() {
  const POSTINGS = Number(opts.postings);
  const WORKERS = Number(opts.workers);
  const PROCESSES = Number(opts.processes);
  const BATCH_SIZE = Number(opts["batch-size"]);
  // workers/recommend.ts recommendConcurrency(): at least two batches' worth of BullMQ slots.
  const REC_CONC = Math.max(Number(opts["recommend-concurrency"]), 2 * BATCH_SIZE);
  const NOTIFY_CONC = Number(opts["notify-concurrency"]);
  const machine = machineInfo();
  const log = createLogger("warn");
  const booted = await boot({ ...process.env, LOG_LEVEL: "warn" }, { log });
  const secrets = booted.config.secrets;
  const db = await prepareDatabase(booted.config.services.databaseUrl, opts.reuse!);
  const baseEnv = {
    ...process.env,
    BENCH_SPANS: opts.spans === "false" ? "false" : "true",
    LOG_LEVEL: "warn",
    NODE_ENV: "test",
    SEED_DEMO: "false",
    DATABASE_URL: db.url,
    REDIS_URL: booted.config.services.redisUrl,
    MEILI_URL: booted.config.services.meiliUrl,
    MEILI_MASTER_KEY: booted.config.services.meiliKey,
    QUEUE_PREFIX,
    SEARCH_INDEX_PREFIX: INDEX_PREFIX,
    PII_ENC_KEY: secrets.piiEncKey.toString("base64"),
    PII_HMAC_KEY: secrets.piiHmacKey.toString("base64"),
    JWT_SECRET: secrets.jwtSecret,
    RECOMMEND_CONCURRENCY: String(Math.min(64, REC_CONC)),
    RECOMMEND_BATCH_SIZE: String(BATCH_SIZE),
    RECOMMEND_BATCH_WAIT_MS: String(opts["batch-wait-ms"]),
    MATCH_CANDIDATES_PER_RUNG: String(opts["per-rung"]),
    MATCH_CANDIDATES_PAGE: String(opts.page),
    MATCH_SKIP_FULL_POSTINGS: String(opts["skip-full"]),
    NOTIFY_CONCURRENCY: String(NOTIFY_CONC),
    SMS_PROVIDER: "none",
  };
  await (await boot(baseEnv, { log })).services.stop();
  const config: Config = buildConfig(
    parseEnv(baseEnv),
    { ...booted.config.services, databaseUrl: db.url },
    secrets,
  );
  const deps = createDeps(config, log);
  const sql = postgres(db.url, { max: 4, onnotice: () => {} });
  const wechat = await countingWechat({
    appId: APP.id,
    appSecret: APP.secret,
    delayMs: Number(opts["wechat-delay-ms"]),
  });
  const children: ReturnType<typeof spawnWorker>[] = [];
  try {
    await Promise.all(deps.queues.all().map((q) => q.obliterate({ force: true })));
    await deleteNotifyKeys(deps);
    const places = await loadPlaces(sql);
    let seeding: Awaited<ReturnType<typeof seedPostings>> | null = null;
    const have = (
      await sql<{ n: number }[]>`select count(*)::int as n from jobs where status = 'open'`
    )[0]!.n;
    const indexed = db.reused
      ? (
          await jobsIndex(deps.search)
            .getStats()
            .catch(() => ({ numberOfDocuments: 0 }))
        ).numberOfDocuments
      : 0;
    if (db.reused && have === POSTINGS && indexed === POSTINGS) {
      process.stdout.write(`reusing ${POSTINGS} postings\n`);
      await clearLabourers(sql);
    } else {
      if (db.reused)
        throw new Error(
          `--reuse: the kept run has ${have} postings (${indexed} indexed), not ${POSTINGS}`,
        );
      await deps.search.client
        .deleteIndex(jobsIndex(deps.search).uid)
        .waitTask()
        .catch(() => {});
      seeding = await seedPostings(sql, deps, places, POSTINGS);
      process.stdout.write(
        `postings: Postgres ${s1(seeding.pgS)} s, indexed after ${s1(seeding.indexedS)} s\n`,
      );
    }
    const tL = performance.now();
    await seedLabourers(sql, deps, places, WORKERS);
    const labourersS = (performance.now() - tL) / 1000;
    await sql`vacuum analyze`;

    const noop = await noopThroughput(deps, 2 * WORKERS, REC_CONC);
    process.stdout.write(
      `no-op BullMQ: ${noop.jobs} jobs in ${s1(noop.drainS)} s = ${Math.round(noop.jobsPerS)} jobs/s\n`,
    );

    const env = {
      ...baseEnv,
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APP_ID: APP.id,
      WECHAT_APP_SECRET: APP.secret,
      WECHAT_TEMPLATE_JOB_RECOMMENDATION: APP.template,
    };
    if (opts.profile) {
      rmSync(PROFILE_DIR, { recursive: true, force: true });
      mkdirSync(PROFILE_DIR, { recursive: true });
    }
    for (let p = 0; p < PROCESSES; p++) children.push(spawnWorker(env));
    await Promise.all(children.map((c) => c.ready));
    const pids = children.map((c) => c.child.pid!);
    const cpu0 = cpuByPid();
    const busy0 = machineBusyS();
    const passed = await passAllAtOnce(sql);
    const t0 = performance.now();
    const passedAt = new Date();
    const timeline: Progress[] = [];
    const deadline = t0 + Number(opts["deadline-min"]) * 60_000;
    let last = { rounds: 0, pending: 0, sending: 0, final: 0 };
    let nextReport = 0;
    // Autovacuum is off on this machine's shared Postgres; production runs it (naptime 1 min). Without
    // fresh statistics the spread count (pushedCounts) turns into a scan of every recommendation.
    let nextVacuum = 60;
    let vacuuming: Promise<unknown> | undefined;
    const vacuum = { runs: 0, s: 0 };
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!opts["no-vacuum"] && !vacuuming && (performance.now() - t0) / 1000 >= nextVacuum) {
        const tv = performance.now();
        vacuuming =
          sql`vacuum (analyze) recommendations, recommendation_rounds, notifications, outbox, shortage_alerts`
            .then(() => {
              vacuum.runs++;
              vacuum.s += (performance.now() - tv) / 1000;
            })
            .finally(() => {
              vacuuming = undefined;
              nextVacuum = (performance.now() - t0) / 1000 + 60;
            });
      }
      last = await progress(sql);
      const t = (performance.now() - t0) / 1000;
      timeline.push({ t, ...last });
      if (t >= nextReport) {
        process.stdout.write(
          `  ${s1(t)} s: ${last.rounds} rounds, ${last.final} pushes final, ${last.pending} pending, ${wechat.sends} at WeChat\n`,
        );
        nextReport = t + 15;
      }
      if (last.rounds === passed && last.pending + last.sending === 0) break;
    }
    const elapsedS = (performance.now() - t0) / 1000;
    await vacuuming;
    // Backends of this database only: on a shared machine other people's queries run on the same server.
    const backends = (
      await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${DB_NAME}`
    ).map((r) => r.pid);
    const cpuS = cpuBetween(cpu0, cpuByPid(), pids, backends);
    const busyS = machineBusyS() - busy0;
    const complete = last.rounds === passed && last.pending + last.sending === 0;
    for (const c of children) c.child.kill("SIGTERM");
    const stats = (await Promise.all(children.map((c) => c.exited))).filter((s): s is ChildStats =>
      Boolean(s),
    );

    const [lat] = await sql<{ p50: number; p95: number; max: number }[]>`
      select percentile_cont(0.5) within group (order by s) as p50, percentile_cont(0.95) within group (order by s) as p95, max(s) as max
      from (select extract(epoch from coalesce(n.finished_at, r.created_at) - ${passedAt}::timestamptz)::float8 as s
            from recommendation_rounds r left join notifications n on n.kind = 'round' and n.subject_key = r.id::text) x`;
    const outcomes = await sql<{ outcome: string; n: number; picked: number }[]>`
      select outcome::text, count(*)::int as n, coalesce(avg(picked), 0)::float8 as picked from recommendation_rounds group by 1 order by 1`;
    const statuses = await sql<
      { status: string; n: number }[]
    >`select status::text, count(*)::int as n from notifications group by 1 order by 1`;
    const relayLag = await sql<{ type: string; n: number; avg: number; p95: number }[]>`
      select type, count(*)::int as n, avg(extract(epoch from published_at - created_at))::float8 as avg,
        percentile_cont(0.95) within group (order by extract(epoch from published_at - created_at))::float8 as p95
      from outbox where type in ('training.passed', 'notification.created') and published_at is not null group by 1 order by 1`;

    const spans: Spans = {};
    for (const s of stats)
      for (const [k, v] of Object.entries(s.spans)) {
        const t = (spans[k] ??= { n: 0, ms: 0 });
        t.n += v.n;
        t.ms += v.ms;
      }
    const result = {
      machine,
      command: `npm run bench:push -- ${process.argv.slice(2).join(" ")}`.trim(),
      sizes: {
        postings: POSTINGS,
        workers: passed,
        processes: PROCESSES,
        recommendConcurrency: REC_CONC,
        batchSize: BATCH_SIZE,
        batchWaitMs: Number(opts["batch-wait-ms"]),
        perRung: Number(opts["per-rung"]),
        page: Number(opts.page),
        skipFull: opts["skip-full"] === "true" ? 1 : 0,
        notifyConcurrency: NOTIFY_CONC,
        wechatDelayMs: Number(opts["wechat-delay-ms"]),
      },
      seeding: seeding ? { ...seeding, labourersS } : { reused: true, labourersS },
      complete,
      elapsedS,
      workersPerS: last.rounds / elapsedS,
      pipelineJobsPerS: (last.rounds + last.final) / elapsedS,
      noop,
      latencyS: lat,
      outcomes,
      statuses,
      wechat: {
        sends: wechat.sends,
        duplicates: wechat.duplicates().length,
        tokenFetches: wechat.tokenFetches,
      },
      relayLag,
      vacuum,
      spans,
      children: stats.map((s) => ({
        cpuS: s.cpuS,
        eventLoopUtilisation: s.eventLoopUtilisation,
        published: s.published,
      })),
      cpuS,
      machineBusyS: busyS,
      projection100k: 100_000 / (last.rounds / elapsedS),
      profile: opts.profile ? summariseProfiles(PROFILE_DIR) : null,
      timeline: timeline.filter((_, i) => i % 5 === 0),
    };
    writeResults(`push-pipeline-${POSTINGS}-${passed}`, report(result), result);
  } finally {
    for (const c of children)
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    await wechat.close();
    await sql.end();
    await deleteNotifyKeys(deps).catch(() => {});
    if (!opts.keep) {
      await Promise.all(
        deps.queues.all().map((q) => q.obliterate({ force: true }).catch(() => {})),
      );
      await deps.search.client
        .deleteIndex(jobsIndex(deps.search).uid)
        .waitTask()
        .catch(() => {});
    }
    await closeDeps(deps);
    if (!opts.keep) {
      const admin = postgres(booted.config.services.databaseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
      await admin.end();
    }
    await booted.services.stop();
  }
}

type Result = {
  machine: ReturnType<typeof machineInfo>;
  command: string;
  sizes: Record<string, number>;
  complete: boolean;
  elapsedS: number;
  workersPerS: number;
  pipelineJobsPerS: number;
  noop: Awaited<ReturnType<typeof noopThroughput>>;
  latencyS: { p50: number; p95: number; max: number } | undefined;
  spans: Spans;
  cpuS: Record<string, number>;
  machineBusyS: number;
  projection100k: number;
  children: { cpuS: number; eventLoopUtilisation: number }[];
  relayLag: { type: string; avg: number; p95: number }[];
  statuses: { status: string; n: number }[];
  outcomes: { outcome: string; n: number; picked: number }[];
  profile: ReturnType<typeof summariseProfiles> | null;
  vacuum: { runs: number; s: number };
};

/** The Markdown block for docs/BENCHMARKS.md. */
function report(r: Result): string {
  const span = (k: string) => r.spans[k] ?? { n: 0, ms: 0 };
  const rows: string[] = [];
  for (const ctx of ["recommend", "notify", "relay"]) {
    const run = span(`${ctx}:run`);
    if (!run.n) continue;
    const parts = [
      "meili.search",
      "meili.multi-search",
      "pg.query",
      "pg.transaction",
      "deliver",
      "redis.enqueue",
    ].filter((k) => span(`${ctx}:${k}`).n);
    const desc = parts
      .map(
        (k) =>
          `${k} ${s1(span(`${ctx}:${k}`).ms / 1000)} s (${span(`${ctx}:${k}`).n}×, ${pct(span(`${ctx}:${k}`).ms, run.ms)})`,
      )
      .join("; ");
    const wait = span(`${ctx}:queue-wait`);
    rows.push(
      `| ${ctx} | ${run.n} | ${s1(run.ms / 1000)} | ${(run.ms / run.n).toFixed(1)} | ${wait.n ? s1(wait.ms / wait.n / 1000) : "–"} | ${desc} |`,
    );
  }
  const batches = span("recommend:batch");
  if (batches.n) {
    const parts = ["meili.multi-search", "pg.query", "pg.transaction"].filter(
      (k) => span(`recommend:${k}`).n,
    );
    rows.push(
      `| recommend batch (avg ${(span("recommend:batch-inputs").ms / batches.n).toFixed(1)} rounds) | ${batches.n} | ${s1(batches.ms / 1000)} | ${(batches.ms / batches.n).toFixed(1)} | – | ` +
        parts
          .map(
            (k) =>
              `${k} ${span(`recommend:${k}`).n}× (${(span(`recommend:${k}`).n / batches.n).toFixed(1)} a batch, ${pct(span(`recommend:${k}`).ms, batches.ms)})`,
          )
          .join("; ") +
        " |",
    );
  }
  const target = 100_000 / 600;
  const queries = Object.entries(r.spans)
    .filter(([k]) => k.startsWith("sql:"))
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 10);
  return [
    `Machine: ${formatMachine(r.machine)}`,
    `Command: \`${r.command}\``,
    "",
    `| postings indexed | trained workers | worker processes | wall time | workers/s | pipeline jobs/s | BullMQ no-op jobs/s (same concurrency, ${r.noop.jobs} jobs) | latency p50 / p95 / max | 100k projected |`,
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    `| ${r.sizes.postings} | ${r.sizes.workers} | ${r.sizes.processes} | ${s1(r.elapsedS)} s${r.complete ? "" : " (INCOMPLETE)"} | ${s1(r.workersPerS)} | ${s1(r.pipelineJobsPerS)} | ${Math.round(r.noop.jobsPerS)} | ${s1(r.latencyS?.p50 ?? NaN)} / ${s1(r.latencyS?.p95 ?? NaN)} / ${s1(r.latencyS?.max ?? NaN)} s | ${s1(r.projection100k / 60)} min (target 10 min = ${s1(target)} workers/s) |`,
    "",
    `Outcomes: ${r.outcomes.map((o) => `${o.outcome} ${o.n} (avg ${o.picked.toFixed(1)} picks)`).join(", ")}; pushes: ${r.statuses.map((s) => `${s.status} ${s.n}`).join(", ")}.`,
    `Relay lag (outbox row → enqueued): ${r.relayLag.map((l) => `${l.type} avg ${s1(l.avg)} s, p95 ${s1(l.p95)} s`).join("; ")}. ` +
      `Stand-in autovacuum: ${r.vacuum.runs} × VACUUM ANALYZE, ${s1(r.vacuum.s)} s.`,
    "",
    ...(rows.length === 0
      ? [
          "Spans: off (`--spans false`): the worker processes ran uninstrumented, exactly as deployed.",
        ]
      : [
          "Where the time goes, in span-seconds summed over concurrent jobs (parts overlap: a transaction contains its queries):",
          "",
          "| work | count | run s | ms each | avg queue wait s | spent in |",
          "|---|--:|--:|--:|--:|---|",
          ...rows,
          "",
          "Postgres queries by kind (client-side time: includes waiting for a pooled connection and for the event loop):",
          "",
          "| query | count | total s | ms each |",
          "|---|--:|--:|--:|",
          ...queries.map(
            ([k, v]) =>
              `| \`${k.slice(4)}\` | ${v.n} | ${s1(v.ms / 1000)} | ${(v.ms / v.n).toFixed(1)} |`,
          ),
        ]),
    "",
    `CPU seconds during the run (${s1(r.elapsedS)} s wall, ${r.machine.nproc} cores = ${s1(r.elapsedS * r.machine.nproc)} core-s; machine busy ${s1(r.machineBusyS)} core-s): ` +
      Object.entries(r.cpuS)
        .map(([k, v]) => `${k} ${s1(v)}`)
        .join(", ") +
      `; worker event-loop utilisation ${r.children.map((c) => pct(c.eventLoopUtilisation, 1)).join(", ")}.`,
    ...(r.profile
      ? [
          "",
          `Worker CPU profile (${s1(r.profile.totalMs / 1000)} s sampled, self time): ` +
            r.profile.areas.map((a) => `${a.k} ${pct(a.ms, r.profile!.totalMs)}`).join(", ") +
            ".",
          `Hottest functions: ${r.profile.functions
            .slice(0, 8)
            .map((f) => `\`${f.k.trim()}\` ${pct(f.ms, r.profile!.totalMs)}`)
            .join(", ")}.`,
        ]
      : []),
  ].join("\n");
}

if (opts.role === "worker") await workerRole();
else await main();
