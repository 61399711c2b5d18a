/**
 * A real worker process (`scripts/worker.ts`, as deployed) on a test file's database, queue
 * prefix and index prefix: for tests that need two processes racing or a real SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Harness } from "../../support/harness";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's last output, for failure messages. */
  output(): string;
}

export function workerEnv(h: Harness, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const c = h.config;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    SEED_DEMO: "false",
    DATABASE_URL: h.databaseUrl,
    REDIS_URL: c.services.redisUrl,
    MEILI_URL: c.services.meiliUrl,
    MEILI_MASTER_KEY: c.services.meiliKey,
    QUEUE_PREFIX: c.QUEUE_PREFIX,
    SEARCH_INDEX_PREFIX: c.SEARCH_INDEX_PREFIX,
    PII_ENC_KEY: c.secrets.piiEncKey.toString("base64"),
    PII_HMAC_KEY: c.secrets.piiHmacKey.toString("base64"),
    JWT_SECRET: c.secrets.jwtSecret,
    SMS_PROVIDER: "none",
    ...extra,
  };
}

/** Starts one; `children` collects it so the file's afterAll can kill what it started, by pid. */
export function startWorkerProcess(
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString("utf8")).slice(-20_000);
  };
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      keep(d);
      if (out.includes('"workersReady":true')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`worker process exited before it was ready (${code ?? signal}):\n${out}`)),
    );
  });
  return {
    child,
    ready: withTimeout(ready, 180_000, "worker process not ready within 180 s"),
    exited,
    output: () => out,
  };
}

export async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
