/**
 * The slow ones: real `npm run services` and `npm start` processes bringing up their own
 * Postgres, Redis and Meilisearch under a temporary DATA_DIR on free ports, then stopping them.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, isReachable } from "../../../scripts/lib/processes";
import { eventually } from "../../support/harness";

const ROOT = path.resolve(import.meta.dirname, "../../..");
// About a minute on two quiet cores (several under two suites at once); GANGTONG_SKIP_SLOW=1 leaves them out of a quick local run.
const slow = process.env.GANGTONG_SKIP_SLOW === "1" ? describe.skip : describe;
const SLOW = 300_000;
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  // Only what these tests started: a failed assertion must not leave servers behind.
  for (const c of children)
    if (c.exitCode === null && c.pid)
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {
        /* gone */
      }
  for (const d of dirs) {
    for (const p of processesUsing(d))
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    rmSync(d, { recursive: true, force: true });
  }
});

interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match of `re`; rejects if the process exits first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a script in its own process group (as a terminal would), without the suite's service URLs. */
function spawnScript(script: string, env: Record<string, string>): Spawned {
  const base = { ...process.env };
  for (const k of [
    "DATABASE_URL",
    "REDIS_URL",
    "MEILI_URL",
    "MEILI_MASTER_KEY",
    "PORT",
    "DATA_DIR",
    "PG_PORT",
    "REDIS_PORT",
    "MEILI_PORT",
  ])
    delete base[k];
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...base, NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (re: RegExp, timeoutMs = SLOW) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`no ${re} within ${timeoutMs} ms; stderr: ${err.slice(-800)}`)),
        timeoutMs,
      );
      const check = () => {
        const m = out.match(re);
        if (m) done(undefined, m);
      };
      const onExit = () => {
        check();
        done(
          new Error(`exited before ${re}; stdout: ${out.slice(-800)} stderr: ${err.slice(-800)}`),
        );
      };
      function done(e?: Error, m?: RegExpMatchArray) {
        clearTimeout(timer);
        child.stdout!.off("data", check);
        child.off("exit", onExit);
        if (m) resolve(m);
        else reject(e);
      }
      child.stdout!.on("data", check);
      child.once("exit", onExit);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exited };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Live processes whose command line names the data dir, plus descendants of `root`. */
function processesUsing(dataDir: string, root?: number): { pid: number; args: string }[] {
  const ps = spawnSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).stdout;
  const rows = ps
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! };
    });
  const family = new Set<number>(root ? [root] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows)
      if (family.has(r.ppid) && !family.has(r.pid)) {
        family.add(r.pid);
        grew = true;
      }
  }
  // tsx starts an esbuild service of its own, sometimes only when it first transforms a file: it
  // is the runner's, not a service we start, and it must not fail a check for leftover services.
  return rows
    .filter((r) => !/\/esbuild --service/.test(r.args))
    .filter(
      (r) =>
        r.args.includes(dataDir) ||
        (family.has(r.pid) && r.pid !== root) ||
        (root !== undefined && r.pid === root),
    )
    .map(({ pid, args }) => ({ pid, args }));
}

async function freshSetup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gt-bringup-"));
  dirs.push(dataDir);
  const ports = {
    PG_PORT: await freePort(),
    REDIS_PORT: await freePort(),
    MEILI_PORT: await freePort(),
  };
  return {
    dataDir,
    ports,
    env: {
      DATA_DIR: dataDir,
      PG_PORT: String(ports.PG_PORT),
      REDIS_PORT: String(ports.REDIS_PORT),
      MEILI_PORT: String(ports.MEILI_PORT),
    },
  };
}

async function expectAllGone(dataDir: string, ports: Record<string, number>, pid: number) {
  for (const [name, port] of Object.entries(ports)) {
    await eventually(async () => !(await isReachable(port)), 20_000).catch(() => {
      throw new Error(`${name} ${port} still listening`);
    });
  }
  await eventually(async () => processesUsing(dataDir, pid).length === 0, 20_000).catch(() => {
    throw new Error(`left behind: ${JSON.stringify(processesUsing(dataDir, pid))}`);
  });
}

slow("npm run services (slow)", () => {
  it(
    "starts Postgres, Redis and Meilisearch under DATA_DIR and stops every one on SIGTERM",
    { timeout: SLOW },
    async () => {
      const { dataDir, ports, env } = await freshSetup();
      const s = spawnScript("scripts/services.ts", env);
      const [line] = await s.waitFor(/^\{"ready":true.*\}$/m);
      const ready = JSON.parse(line!) as {
        pid: number;
        services: { databaseUrl: string; redisUrl: string; meiliUrl: string; meiliKey: string };
        sources: Record<string, string>;
      };
      expect(ready.sources).toEqual({
        postgres: "started",
        redis: "started",
        meilisearch: "started",
      });
      expect(ready.services.databaseUrl).toContain(`:${ports.PG_PORT}/`);

      const sql = postgres(ready.services.databaseUrl, { max: 1, onnotice: () => {} });
      expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
      await sql.end();
      const redis = new Redis(ready.services.redisUrl, { lazyConnect: true });
      await redis.connect();
      expect(await redis.ping()).toBe("PONG");
      redis.disconnect();
      const health = await fetch(`${ready.services.meiliUrl}/health`);
      expect(await health.json()).toEqual({ status: "available" });
      const keyed = await fetch(`${ready.services.meiliUrl}/indexes`, {
        headers: { Authorization: `Bearer ${ready.services.meiliKey}` },
      });
      expect(keyed.status).toBe(200);
      expect((await fetch(`${ready.services.meiliUrl}/indexes`)).status).toBe(401);

      s.child.kill("SIGTERM");
      expect(await s.exited).toEqual({ code: 0, signal: null });
      expect(s.stdout()).toContain('{"stopped":true}');
      await expectAllGone(dataDir, ports, s.child.pid!);
    },
  );

  it(
    "falls back to the PostgreSQL binaries of the npm package (forced with PG_BINARIES=embedded)",
    { timeout: SLOW },
    async () => {
      const svc = inject("services");
      const { dataDir, ports, env } = await freshSetup();
      const s = spawnScript("scripts/services.ts", {
        ...env,
        PG_BINARIES: "embedded",
        REDIS_URL: svc.redisUrl,
        MEILI_URL: svc.meiliUrl,
        MEILI_MASTER_KEY: svc.meiliKey,
      });
      const [line] = await s.waitFor(/^\{"ready":true.*\}$/m);
      const ready = JSON.parse(line!) as {
        services: { databaseUrl: string };
        sources: Record<string, string>;
      };
      expect(ready.sources).toEqual({ postgres: "started", redis: "env", meilisearch: "env" });
      expect(s.stderr()).toMatch(/embedded binaries/);
      const sql = postgres(ready.services.databaseUrl, { max: 1, onnotice: () => {} });
      const [row] = await sql<{ version: string }[]>`select version()`;
      await sql.end();
      expect(row?.version).toMatch(/^PostgreSQL 17\./);
      expect(existsSync(path.join(dataDir, "pg-embedded", "PG_VERSION"))).toBe(true);
      expect(existsSync(path.join(dataDir, "pg"))).toBe(false);
      s.child.kill("SIGTERM");
      expect((await s.exited).code).toBe(0);
      await expectAllGone(dataDir, { PG_PORT: ports.PG_PORT }, s.child.pid!);
    },
  );

  it("starts no Postgres when DATABASE_URL is set", { timeout: SLOW }, async () => {
    const svc = inject("services");
    const { dataDir, ports, env } = await freshSetup();
    const s = spawnScript("scripts/services.ts", {
      ...env,
      DATABASE_URL: svc.adminDatabaseUrl,
      REDIS_URL: svc.redisUrl,
      MEILI_URL: svc.meiliUrl,
      MEILI_MASTER_KEY: svc.meiliKey,
    });
    const [line] = await s.waitFor(/^\{"ready":true.*\}$/m);
    expect(JSON.parse(line!).sources).toEqual({
      postgres: "env",
      redis: "env",
      meilisearch: "env",
    });
    expect(await isReachable(ports.PG_PORT)).toBe(false);
    expect(processesUsing(dataDir, s.child.pid!).filter((p) => p.pid !== s.child.pid)).toEqual([]);
    s.child.kill("SIGTERM");
    expect((await s.exited).code).toBe(0);
  });

  it(
    "fails fast with a clear message when REDIS_URL points at nothing",
    { timeout: SLOW },
    async () => {
      const svc = inject("services");
      const { env } = await freshSetup();
      const closed = await freePort();
      const s = spawnScript("scripts/services.ts", {
        ...env,
        DATABASE_URL: svc.adminDatabaseUrl,
        REDIS_URL: `redis://:hunter2@127.0.0.1:${closed}`,
        MEILI_URL: svc.meiliUrl,
        MEILI_MASTER_KEY: svc.meiliKey,
      });
      const { code } = await s.exited;
      expect(code).toBe(1);
      expect(s.stderr()).toContain(`REDIS_URL=redis://:***@127.0.0.1:${closed}`);
      expect(s.stderr()).toMatch(/does not answer/);
      expect(s.stderr()).not.toContain("hunter2");
      expect(s.stdout()).not.toContain('"ready"');
    },
  );

  it(
    "recognises the Meilisearch a SIGKILLed bring-up left running as its own and replaces it",
    { timeout: SLOW },
    async () => {
      const svc = inject("services");
      const { dataDir, ports, env } = await freshSetup();
      const runEnv = { ...env, DATABASE_URL: svc.adminDatabaseUrl, REDIS_URL: svc.redisUrl };
      const first = spawnScript("scripts/services.ts", runEnv);
      const [line] = await first.waitFor(/^\{"ready":true.*\}$/m);
      expect(JSON.parse(line!).sources.meilisearch).toBe("started");
      const meiliPid = processesUsing(dataDir).find((p) =>
        p.args.includes(path.join(dataDir, "meili", "data.ms")),
      )!.pid;
      first.child.kill("SIGKILL"); // no exit handler runs: Meilisearch, in its own process group, lives on
      await first.exited;
      expect(isAlive(meiliPid)).toBe(true);

      const second = spawnScript("scripts/services.ts", runEnv);
      const [again] = await second.waitFor(/^\{"ready":true.*\}$/m);
      const ready = JSON.parse(again!) as {
        sources: Record<string, string>;
        services: { meiliUrl: string };
      };
      expect(ready.sources.meilisearch).toBe("started"); // not "reachable": not someone else's
      expect(await (await fetch(`${ready.services.meiliUrl}/health`)).json()).toEqual({
        status: "available",
      });
      expect(isAlive(meiliPid)).toBe(false);
      expect(second.stderr()).toMatch(/Meilisearch an earlier run of ours left running/);
      second.child.kill("SIGTERM");
      const end = await second.exited;
      expect(end, `${second.stdout()}\n${second.stderr()}`).toEqual({ code: 0, signal: null });
      await expectAllGone(dataDir, { MEILI_PORT: ports.MEILI_PORT }, second.child.pid!);
      expect(existsSync(path.join(dataDir, "meili", "meili.pid"))).toBe(false);
    },
  );

  it(
    "npm run workers with a dead Redis prints one line and exits 4",
    { timeout: SLOW },
    async () => {
      const svc = inject("services");
      const { env } = await freshSetup();
      const closed = await freePort();
      const s = spawnScript("scripts/worker.ts", {
        ...env,
        DATABASE_URL: svc.adminDatabaseUrl,
        REDIS_URL: `redis://127.0.0.1:${closed}`,
        MEILI_URL: svc.meiliUrl,
        MEILI_MASTER_KEY: svc.meiliKey,
        LOG_LEVEL: "silent",
      });
      expect((await s.exited).code).toBe(4);
      const lines = s.stderr().trim().split("\n");
      expect(lines, s.stderr()).toHaveLength(1);
      expect(lines[0]).toContain(`REDIS_URL=redis://127.0.0.1:${closed}`);
      expect(s.stderr()).not.toMatch(/\n\s+at /);
    },
  );

  it(
    "fails with a clear message when DATABASE_URL points at nothing",
    { timeout: SLOW },
    async () => {
      const { env } = await freshSetup();
      const closed = await freePort();
      const s = spawnScript("scripts/services.ts", {
        ...env,
        DATABASE_URL: `postgres://app:hunter2@127.0.0.1:${closed}/gangtong`,
      });
      expect((await s.exited).code).toBe(1);
      expect(s.stderr()).toContain(`DATABASE_URL=postgres://app:***@127.0.0.1:${closed}/gangtong`);
      expect(s.stderr()).not.toContain("hunter2");
    },
  );
});

slow("npm start (slow)", () => {
  let shared: Awaited<ReturnType<typeof freshSetup>>;

  async function startAndProbe() {
    const s = spawnScript("scripts/start.ts", { ...shared.env, PORT: "0", LOG_LEVEL: "warn" });
    const [, base] = await s.waitFor(/Health:\s+(http:\/\/127\.0\.0\.1:\d+)\/healthz/);
    await s.waitFor(/Ctrl-C stops everything/);
    expect(base).not.toMatch(/:0$/);
    const res = await fetch(`${base}/healthz`);
    const body = (await res.json()) as { checks: unknown };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.checks).toMatchObject({
      postgres: { status: "ok" },
      redis: { status: "ok" },
      meilisearch: { status: "ok" },
    });
    return { s, base: base! };
  }

  it(
    "serves /healthz on the port it prints, stops on SIGTERM, restarts on the same data and stops on Ctrl-C",
    { timeout: SLOW },
    async () => {
      shared = await freshSetup();
      const first = await startAndProbe();
      expect(first.s.stdout()).toMatch(
        /Services: postgres started, redis started, meilisearch started/,
      );
      expect(first.s.stdout()).toMatch(/Admin account: admin \/ \S{16}/);
      first.s.child.kill("SIGTERM");
      expect(
        await first.s.exited,
        first.s.stdout().slice(-3000) + first.s.stderr().slice(-1000),
      ).toEqual({
        code: 0,
        signal: null,
      });
      await expectAllGone(shared.dataDir, shared.ports, first.s.child.pid!);

      // Ctrl-C in a terminal signals the whole foreground process group, children included.
      const second = await startAndProbe();
      expect(second.s.stdout()).toMatch(/Admin account: admin \(password unchanged\)/);
      process.kill(-second.s.child.pid!, "SIGINT");
      expect(
        await second.s.exited,
        second.s.stdout().slice(-3000) + second.s.stderr().slice(-1000),
      ).toEqual({
        code: 0,
        signal: null,
      });
      await expectAllGone(shared.dataDir, shared.ports, second.s.child.pid!);
    },
  );
});
