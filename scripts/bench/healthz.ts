/**
 * `npm run bench:healthz [-- --duration 10 --warmup 2 --slice 1 --runs 3 --concurrency 1,16]`
 *
 * GET /healthz on the real API against two anchors measured in the same run:
 *   bare       a bare Hono app answering {status:"ok"}: the floor for Node + HTTP + Hono;
 *   bare+deps  a bare Hono handler doing the same three checks (select 1, PING, Meilisearch
 *              /health) on the same clients: separates dependency latency from our
 *              framework + middleware (request id, ctx, logger child, zod-openapi) overhead.
 * The servers run in a child process so the load generator has its own event loop. Rounds
 * are repeated and targets interleaved in 1 s slices (runInterleaved); medians are quoted.
 */
import { type ChildProcess, fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ServerType, serve } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { closeDeps, createDeps } from "../../src/deps";
import type { Deps } from "../../src/lib/ctx";
import { startServer } from "../../src/server";
import { boot } from "../lib/boot";
import { createHttpClient } from "./http";
import {
  compare,
  formatMachine,
  formatTable,
  type LoadResult,
  machineInfo,
  medianRatios,
  medianResult,
  type Ratios,
  runInterleaved,
  type TableRow,
  writeResults,
} from "./runner";

type Target = "bare" | "bare+deps" | "api";
const TARGETS: readonly Target[] = ["bare", "bare+deps", "api"];
type Urls = Record<Target, string>;
type FromChild = { type: "ready"; urls: Urls } | { type: "failed"; error: string };

const HOST = "127.0.0.1";

// ---------------------------------------------------------------- server side (child process)

function listen(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: app.fetch, port: 0, hostname: HOST },
      (info: AddressInfo) => {
        resolve({
          url: `http://${HOST}:${info.port}`,
          close: () =>
            new Promise<void>((res) => {
              server.close(() => res());
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    );
  });
}

function bareApp() {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  return app;
}

function bareDepsApp(deps: Deps) {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    await Promise.all([
      deps.db.execute(sql`select 1`),
      deps.redis.ping(),
      deps.search.client.health(),
    ]);
    return c.json({ status: "ok" });
  });
  return app;
}

async function serveTargets() {
  const booted = await boot({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const deps = createDeps(booted.config, booted.log);
  const api = await startServer(deps, 0, HOST);
  const bare = await listen(bareApp());
  const bareDeps = await listen(bareDepsApp(deps));
  process.once("message", async () => {
    await Promise.all([api.close(), bare.close(), bareDeps.close()]);
    await closeDeps(deps);
    await booted.services.stop();
    process.exit(0);
  });
  process.send!({
    type: "ready",
    urls: { bare: bare.url, "bare+deps": bareDeps.url, api: api.url },
  } satisfies FromChild);
}

// ---------------------------------------------------------------- load side (parent process)

function startChild(): Promise<{ child: ChildProcess; urls: Urls }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("servers not ready after 120 s")), 120_000);
    child.once("exit", (code) =>
      reject(new Error(`server process exited with ${code} before it was ready`)),
    );
    child.once("message", (m: FromChild) => {
      clearTimeout(timer);
      if (m.type === "ready") resolve({ child, urls: m.urls });
      else reject(new Error(`server process failed: ${m.error}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.removeAllListeners("exit");
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.send("stop");
  });
}

const ANCHORS: Record<Target, readonly Target[]> = {
  bare: [],
  "bare+deps": ["bare"],
  api: ["bare", "bare+deps"],
};

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      runs: { type: "string", default: "3" },
      concurrency: { type: "string", default: "1,16" },
      slice: { type: "string", default: "1" },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const runs = Math.max(1, Number(values.runs));
  const sliceMs = Number(values.slice) * 1000;
  const levels = values.concurrency.split(",").map(Number);
  const extra = process.argv.slice(2);
  const command = `npm run bench:healthz${extra.length ? ` -- ${extra.join(" ")}` : ""}`;

  const machine = machineInfo();
  const { child, urls } = await startChild();
  const raw: LoadResult[] = [];
  const pairs: Array<{ round: number; ours: Target; concurrency: number; ratios: Ratios }> = [];
  try {
    for (let round = 0; round < runs; round++) {
      for (const concurrency of levels) {
        const order = TARGETS.map((_, k) => TARGETS[(k + round) % TARGETS.length]!);
        const clients = order.map((target) =>
          createHttpClient(urls[target], { maxSockets: concurrency }),
        );
        const results = await runInterleaved({
          concurrency,
          durationMs,
          warmupMs,
          sliceMs,
          targets: order.map((name, k) => ({ name, request: clients[k]!.getter("/healthz") })),
        });
        for (const c of clients) c.close();
        const got = new Map(results.map((r) => [r.name as Target, r]));
        for (const result of results) {
          raw.push(result);
          process.stderr.write(
            `round ${round + 1}/${runs} c=${concurrency} ${result.name}: ${Math.round(result.throughput)} req/s, p50 ${result.p50.toFixed(2)} ms, errors ${result.errors}\n`,
          );
        }
        for (const ours of TARGETS) {
          for (const anchor of ANCHORS[ours])
            pairs.push({
              round,
              ours,
              concurrency,
              ratios: compare(got.get(ours)!, got.get(anchor)!),
            });
        }
      }
    }
  } finally {
    await stopChild(child);
  }

  const rows: TableRow[] = [];
  for (const concurrency of levels) {
    for (const target of TARGETS) {
      const med = medianResult(
        raw.filter((r) => r.name === target && r.concurrency === concurrency),
      );
      const vs = ANCHORS[target].map((anchor) =>
        medianRatios(
          pairs
            .filter(
              (p) =>
                p.ours === target && p.concurrency === concurrency && p.ratios.anchor === anchor,
            )
            .map((p) => p.ratios),
        ),
      );
      rows.push({ ...med, ...(vs.length ? { vs } : {}) });
    }
  }
  const markdown = [
    `Machine: ${formatMachine(machine)}`,
    `Command: \`${command}\` (${runs} rounds; per round and client count, each target ${durationMs / 1000} s in interleaved ${sliceMs / 1000} s slices after ${warmupMs / 1000} s warm-up; medians of rounds, ratios are medians of same-round ratios)`,
    "",
    formatTable(rows),
  ].join("\n");
  writeResults("healthz", markdown, {
    benchmark: "healthz",
    command,
    machine,
    settings: { durationMs, warmupMs, sliceMs, runs, levels },
    medians: rows,
    runs: raw,
    pairs,
  });
}

if (process.argv.includes("--serve")) {
  serveTargets().catch((err) => {
    process.send?.({ type: "failed", error: String(err?.stack ?? err) } satisfies FromChild);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
