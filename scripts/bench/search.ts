/**
 * `npm run bench:search [-- --rows 500000 --duration 10 --warmup 2 --runs 1 --concurrency 1,16 --slice 1 --reseed]`
 *
 * Job search at scale, side by side in one run (runInterleaved, 1 s slices):
 *   api        GET /api/v1/jobs/search on the real API (child process, own event loop);
 *   meili      the raw Meilisearch query the API makes for the same input (same filter, sort,
 *              limit, attributes, matchingStrategy), over a keep-alive node:http client: the anchor;
 *   fallback   the same API request on a second server whose Meilisearch is unreachable, so
 *              Postgres answers (degraded: true).
 * Two query families: text + region, and near-me. Then commit → first hit: a posting opened
 * through the jobs service, polled on Meilisearch until it is found (relay + sync worker run
 * in the child). Data: `gangtong_bench_search` database and `bench_jobs` index, seeded once
 * (scripts/bench/search-seed.ts) and reused while the row count matches.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { employers } from "../../db/schema/employers";
import { closeDeps, createDeps } from "../../src/deps";
import { type Deps, systemCtx } from "../../src/lib/ctx";
import { SUMMARY_FIELDS } from "../../src/modules/jobs/search-meili";
import {
  boundingBox,
  effectiveSort,
  meiliFilter,
  meiliSort,
  type SearchInput,
} from "../../src/modules/jobs/search-query";
import { closeJob, createJob, openJob } from "../../src/modules/jobs/service";
import { createSearch } from "../../src/search/client";
import { jobsIndexUid } from "../../src/search/jobs-index";
import { startServer } from "../../src/server";
import { OutboxRelay } from "../../workers/outbox-relay";
import { startSearchSyncWorker } from "../../workers/search-sync";
import { boot } from "../lib/boot";
import { createHttpClient } from "./http";
import {
  compare,
  formatMachine,
  formatTable,
  machineInfo,
  percentile,
  runInterleaved,
  type TableRow,
  writeResults,
} from "./runner";
import { countSeeded, seedSearchBench } from "./search-seed";

const ENV = {
  ...process.env,
  DATABASE_NAME: process.env.DATABASE_NAME ?? "gangtong_bench_search",
  SEARCH_INDEX_PREFIX: "bench_",
  QUEUE_PREFIX: "bench-search",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
};
type Urls = { api: string; fallback: string };

// ---------------------------------------------------------------- server side (child process)

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

async function serve() {
  const booted = await boot(ENV);
  const deps = createDeps(booted.config, booted.log);
  const down = createDeps(booted.config, booted.log, {
    search: createSearch(`http://127.0.0.1:${await closedPort()}`, "x", "bench_"),
  });
  const relay = new OutboxRelay(deps);
  await relay.start();
  const worker = await startSearchSyncWorker(deps);
  const api = await startServer(deps, 0, "127.0.0.1");
  const fallback = await startServer(down, 0, "127.0.0.1");
  process.once("message", async () => {
    await Promise.all([api.close(), fallback.close(), relay.stop(), worker.close()]);
    await Promise.all([closeDeps(deps), closeDeps(down)]);
    await booted.services.stop();
    process.exit(0);
  });
  process.send!({ urls: { api: api.url, fallback: fallback.url } });
}

// ---------------------------------------------------------------- queries

const Q = (o: Partial<SearchInput>): SearchInput => ({
  q: "",
  channels: [],
  radiusKm: 30,
  sort: "relevance",
  offset: 0,
  limit: 20,
  ...o,
});
const TEXT: SearchInput[] = [
  Q({ q: "普工", region: "4403" }),
  Q({ q: "普工 深圳" }),
  Q({ q: "家政", region: "44" }),
  Q({ q: "采茶", region: "45" }),
  Q({ q: "采茶工", region: "4502" }),
  Q({ q: "保安", region: "4403" }),
  Q({ q: "竹编", region: "4503" }),
  Q({ q: "电子厂", region: "4419" }),
  Q({ q: "护林员", region: "45" }),
  Q({ q: "厨工", region: "4401" }),
  Q({ q: "装配工", region: "4406" }),
  Q({ q: "缝纫工", region: "45" }),
  Q({ q: "养老护理员", region: "44" }),
  Q({ q: "包装工", region: "4512" }),
  Q({ q: "甘蔗", region: "45" }),
  Q({ q: "普工", region: "44", channels: ["gd_gx"] }),
];
const PLACES = [
  [24.83, 110.83],
  [25.07, 109.26],
  [23.93, 108.1],
  [22.55, 113.88],
  [23.02, 113.75],
  [22.82, 108.37],
  [24.33, 109.41],
  [22.72, 114.25],
] as const;
const NEAR: SearchInput[] = PLACES.flatMap(([lat, lng], i) => [
  Q({ near: { lat, lng }, radiusKm: 20, sort: "distance" }),
  Q({ near: { lat, lng }, radiusKm: 30, q: i % 2 ? "普工" : "采茶" }),
  Q({ near: { lat, lng }, radiusKm: 30, channels: ["odd_job", "workshop"], sort: "distance" }),
]);

function apiPath(s: SearchInput): string {
  const p = new URLSearchParams({
    limit: String(s.limit),
    sort: s.sort,
    radiusKm: String(s.radiusKm),
  });
  if (s.q) p.set("q", s.q);
  if (s.region) p.set("region", s.region);
  if (s.channels.length) p.set("channel", s.channels.join(","));
  if (s.near) p.set("near", `${s.near.lat},${s.near.lng}`);
  return `/api/v1/jobs/search?${p}`;
}

/** The query the API sends first for this input (near-me: the bounding box, first page). */
function meiliBody(s: SearchInput) {
  const box = s.near ? boundingBox(s.near, s.radiusKm) : undefined;
  return {
    q: s.q,
    filter: meiliFilter(s, Date.now(), box),
    sort: meiliSort(effectiveSort(s)),
    limit: s.limit + 1,
    attributesToRetrieve: SUMMARY_FIELDS,
    matchingStrategy: "all",
    locales: ["cmn"],
  };
}

// ---------------------------------------------------------------- commit → first hit

async function commitToFirstHit(deps: Deps, samples: number): Promise<number[]> {
  const ctx = systemCtx(deps, "bench");
  const [emp] = await deps.db
    .select()
    .from(employers)
    .where(eq(employers.verificationStatus, "verified"))
    .limit(1);
  const uid = jobsIndexUid(deps.search);
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const word = `zq${Date.now().toString(36)}x${i}`;
    const draft = await createJob(ctx, {
      employerId: emp!.id,
      channel: "gd_gx",
      title: `提交延迟测试 ${word}`,
      description: "",
      occupation: "普工",
      skills: [],
      certificates: [],
      benefits: [],
      headcount: 1,
      wageMinFen: 450_000,
      wageMaxFen: 650_000,
      wageUnit: "month",
      regionCode: "440306",
      contactName: "测试",
      contactPhone: "13800138000",
    });
    await openJob(ctx, draft.id);
    const t0 = performance.now();
    for (;;) {
      const res = await deps.search.client
        .index(uid)
        .search(word, { limit: 1, attributesToRetrieve: ["id"] });
      if (res.hits.length > 0) break;
      if (performance.now() - t0 > 30_000) throw new Error("posting not searchable after 30 s");
      await new Promise((r) => setTimeout(r, 5));
    }
    out.push(performance.now() - t0);
    await closeJob(ctx, draft.id, { reason: "基准测试结束" });
  }
  return out;
}

// ---------------------------------------------------------------- load side (parent)

function startChild(): Promise<{ child: ChildProcess; urls: Urls }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { env: ENV });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}`)));
    child.once("message", (m: { urls: Urls }) => resolve({ child, urls: m.urls }));
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "500000" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      concurrency: { type: "string", default: "1,16" },
      slice: { type: "string", default: "1" },
      samples: { type: "string", default: "20" },
      reseed: { type: "boolean", default: false },
    },
  });
  const rows = Number(values.rows);
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const sliceMs = Number(values.slice) * 1000;
  const levels = values.concurrency.split(",").map(Number);
  const command = `npm run bench:search${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const machine = machineInfo();
  const booted = await boot(ENV);
  const deps = createDeps(booted.config, booted.log);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  let seed: Awaited<ReturnType<typeof seedSearchBench>> | undefined;
  if (values.reseed || (await countSeeded(deps)) !== rows) {
    seed = await seedSearchBench(deps, rows, log);
    // A reseeded database numbers its outbox from 1 again; the sync jobs of an earlier seed's
    // outbox rows (same ids, kept a day) would make BullMQ skip the new ones as duplicates.
    for (const q of deps.queues.all()) await q.obliterate({ force: true });
  }
  const { child, urls } = await startChild();
  const api = createHttpClient(urls.api, { maxSockets: 64 });
  const fallback = createHttpClient(urls.fallback, { maxSockets: 64 });
  const meili = createHttpClient(booted.config.services.meiliUrl, { maxSockets: 64 });
  const meiliPath = `/indexes/${jobsIndexUid(deps.search)}/search`;
  const meiliHeaders = { authorization: `Bearer ${booted.config.services.meiliKey}` };
  const results: TableRow[] = [];
  try {
    for (const [family, queries] of [
      ["text+region", TEXT],
      ["near-me", NEAR],
    ] as const) {
      for (const concurrency of levels) {
        const targets = [
          {
            name: `api ${family}`,
            request: async (i: number) => {
              await api.request({ path: apiPath(queries[i % queries.length]!) });
            },
          },
          {
            name: `meili ${family}`,
            request: async (i: number) => {
              await meili.request({
                method: "POST",
                path: meiliPath,
                headers: meiliHeaders,
                body: meiliBody(queries[i % queries.length]!),
              });
            },
          },
          {
            name: `fallback ${family}`,
            request: async (i: number) => {
              await fallback.request({ path: apiPath(queries[i % queries.length]!) });
            },
          },
        ];
        const got = await runInterleaved({ concurrency, durationMs, warmupMs, sliceMs, targets });
        const anchor = got[1]!;
        for (const r of got) {
          log(
            `${r.name} c=${concurrency}: ${Math.round(r.throughput)} req/s, p50 ${r.p50.toFixed(2)} p95 ${r.p95.toFixed(2)} ms, errors ${r.errors}`,
          );
          results.push(r === anchor ? r : { ...r, vs: compare(r, anchor) });
        }
      }
    }
    const lat = (await commitToFirstHit(deps, Number(values.samples))).sort((a, b) => a - b);
    const commit = {
      samples: lat.length,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      max: lat[lat.length - 1]!,
    };
    const markdown = [
      `Machine: ${formatMachine(machine)}`,
      `Command: \`${command}\`; ${rows.toLocaleString("en")} postings${seed ? ` (seeded now: Postgres ${seed.pgSeconds.toFixed(0)} s, Meilisearch indexing ${seed.meiliSeconds.toFixed(0)} s, ${seed.indexed.toLocaleString("en")} documents)` : " (reused)"}`,
      "",
      formatTable(results),
      "",
      `Commit → first hit on Meilisearch (${commit.samples} postings): p50 ${commit.p50.toFixed(0)} ms, p95 ${commit.p95.toFixed(0)} ms, max ${commit.max.toFixed(0)} ms`,
    ].join("\n");
    writeResults("search", markdown, {
      benchmark: "search",
      command,
      machine,
      rows,
      seed,
      settings: { durationMs, warmupMs, sliceMs, levels },
      results,
      commitToFirstHit: { ...commit, samplesMs: lat },
    });
  } finally {
    api.close();
    fallback.close();
    meili.close();
    await new Promise<void>((r) => {
      child.removeAllListeners("exit");
      child.once("exit", () => r());
      child.send("stop");
    });
    await closeDeps(deps);
    await booted.services.stop();
  }
}

if (process.argv.includes("--serve")) {
  serve().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
