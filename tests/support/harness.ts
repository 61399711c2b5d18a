import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { users } from "../../db/schema/users";
import { type App, createApp } from "../../src/app";
import { buildConfig, type Config, parseEnv } from "../../src/config";
import { closeDeps, createDeps } from "../../src/deps";
import { issueSession } from "../../src/lib/auth";
import type { Deps, Role } from "../../src/lib/ctx";
import { createLogger } from "../../src/lib/logger";
import { OutboxRelay } from "../../workers/outbox-relay";
import { startSearchSyncWorker } from "../../workers/search-sync";
import { withDatabase } from "./global-setup";

export interface AuthAs {
  headers: Record<string, string>;
  userId: string;
}

export interface Harness {
  deps: Deps;
  config: Config;
  app: App;
  databaseUrl: string;
  /** Calls the real app in-process; `as` adds a bearer token. Bodies are sent as JSON. */
  api: {
    get(path: string, as?: AuthAs): Promise<Response>;
    post(path: string, body?: unknown, as?: AuthAs): Promise<Response>;
    put(path: string, body?: unknown, as?: AuthAs): Promise<Response>;
    patch(path: string, body?: unknown, as?: AuthAs): Promise<Response>;
    delete(path: string, as?: AuthAs): Promise<Response>;
    raw(path: string, init: RequestInit): Promise<Response>;
  };
  /** Creates a user of that role (and region) and returns its auth headers. */
  as: {
    admin(): Promise<AuthAs>;
    bureau(regionCode: string): Promise<AuthAs>;
    cadre(regionCode: string): Promise<AuthAs>;
    user(role: Role, fields?: Partial<typeof users.$inferInsert>): Promise<AuthAs>;
  };
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra environment for this file's config (e.g. WECHAT_API_BASE of a fake server). */
  env?: Record<string, string>;
  overrides?: Partial<Deps>;
  /** REDIS_URL for this file's app (e.g. a proxy in front of the suite's Redis that a test can cut). */
  redisUrl?: string;
  /** Run the outbox relay and the search-sync worker beside the app, as `npm start` does; close() stops them. */
  sync?: boolean;
  /** DATABASE_READ_URL for this file, from the URL of its own database (docs/MONITORING.md). */
  readDatabaseUrl?: (databaseUrl: string) => string;
}

/** The outbox relay (polling every 200 ms besides LISTEN/NOTIFY) and the search-sync worker on these deps. */
async function startSearchPipeline(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const relay = new OutboxRelay(deps, { pollMs: 200 });
  await relay.start();
  const worker = await startSearchSyncWorker(deps);
  return {
    async stop() {
      await relay.stop();
      await worker.close();
    },
  };
}

/**
 * One per test file: its own database cloned from the migrated template, its own BullMQ
 * prefix and Meilisearch index prefix, all removed by close().
 */
export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const s = inject("services");
  const tag = `t${randomBytes(5).toString("hex")}`;
  const dbName = `gt_${tag}`;
  const admin = postgres(s.adminDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName} template ${s.templateDatabase}`);
  await admin.end({ timeout: 5 });
  const databaseUrl = withDatabase(s.adminDatabaseUrl, dbName);

  const env = parseEnv({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PASSWORD_SCRYPT_LOG_N: "14",
    QUEUE_PREFIX: tag,
    SEARCH_INDEX_PREFIX: `${tag}_`,
    PII_ENC_KEY: s.secrets.piiEncKey,
    PII_HMAC_KEY: s.secrets.piiHmacKey,
    JWT_SECRET: s.secrets.jwtSecret,
    ...(opts.readDatabaseUrl ? { DATABASE_READ_URL: opts.readDatabaseUrl(databaseUrl) } : {}),
    ...opts.env,
  });
  const config = buildConfig(
    env,
    {
      databaseUrl,
      redisUrl: opts.redisUrl ?? s.redisUrl,
      meiliUrl: s.meiliUrl,
      meiliKey: s.meiliKey,
    },
    {
      piiEncKey: Buffer.from(s.secrets.piiEncKey, "base64"),
      piiHmacKey: Buffer.from(s.secrets.piiHmacKey, "base64"),
      jwtSecret: s.secrets.jwtSecret,
    },
  );
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const deps = createDeps(config, log, opts.overrides);
  const app = createApp(deps);
  const pipeline = opts.sync ? await startSearchPipeline(deps) : null;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    as?: AuthAs,
  ): Promise<Response> =>
    app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...as?.headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  const makeUser = async (
    role: Role,
    fields: Partial<typeof users.$inferInsert> = {},
  ): Promise<AuthAs> => {
    const [u] = await deps.db
      .insert(users)
      .values({
        role,
        displayName: `${role}-${randomUUID().slice(0, 6)}`,
        username: `${role}_${randomUUID().slice(0, 12)}`,
        ...fields,
      })
      .returning();
    const { token } = await issueSession(deps, {
      id: u!.id,
      role,
      regionCode: u!.regionCode,
      employerId: u!.employerId,
      labourerId: u!.labourerId,
      tokenVersion: u!.tokenVersion,
    });
    return { headers: { authorization: `Bearer ${token}` }, userId: u!.id };
  };

  return {
    deps,
    config,
    app,
    databaseUrl,
    api: {
      get: (p, as) => call("GET", p, undefined, as),
      post: (p, b, as) => call("POST", p, b ?? {}, as),
      put: (p, b, as) => call("PUT", p, b ?? {}, as),
      patch: (p, b, as) => call("PATCH", p, b ?? {}, as),
      delete: (p, as) => call("DELETE", p, undefined, as),
      raw: async (p, init) => app.request(p, init),
    },
    as: {
      admin: () => makeUser("admin"),
      bureau: (regionCode) => makeUser("bureau", { regionCode }),
      cadre: (regionCode) => makeUser("cadre", { regionCode }),
      user: makeUser,
    },
    async close() {
      await pipeline?.stop();
      await Promise.all(
        deps.queues.all().map((q) => q.obliterate({ force: true }).catch(() => {})),
      );
      const indexes = await deps.search.client
        .getIndexes({ limit: 1000 })
        .catch(() => ({ results: [] as { uid: string }[] }));
      await Promise.all(
        indexes.results
          .filter((i) => i.uid.startsWith(`${tag}_`))
          .map((i) => deps.search.client.deleteIndex(i.uid).catch(() => {})),
      );
      await closeDeps(deps);
      const a = postgres(s.adminDatabaseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await a.end({ timeout: 5 });
    },
  };
}

/** Reads a JSON body and returns it with the status, for `expect(res.status, JSON.stringify(body))`. */
export async function json<T = any>(res: Response): Promise<{ status: number; body: T }> {
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = text as unknown as T;
  }
  return { status: res.status, body };
}

/**
 * How much longer than on a quiet machine a wait may take before it counts as failed. The suite must
 * pass on a loaded two-core machine (two suites at once), where queues and workers run several times
 * slower; a wait that succeeds returns as soon as its condition holds, so only a failing wait is slower.
 */
const WAIT_SCALE = Number(process.env.GANGTONG_WAIT_SCALE ?? 3);

/** Polls until `check` returns a truthy value or the deadline passes: wait for events, not the clock. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs * WAIT_SCALE;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs * WAIT_SCALE} ms${last ? `: ${String(last)}` : ""}`,
  );
}
