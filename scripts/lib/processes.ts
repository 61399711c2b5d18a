import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import path from "node:path";

/** True when something accepts a TCP connection at host:port within the timeout. */
export function isReachable(port: number, host = "127.0.0.1", timeoutMs = 400): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a program on PATH, then in extra directories (e.g. /usr/lib/postgresql/15/bin). */
export function findProgram(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Debian keeps server binaries out of PATH: /usr/lib/postgresql/<major>/bin, newest first. */
export function postgresBinDirs(): string[] {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(base, v, "bin"));
}

export function run(
  cmd: string,
  args: string[],
  opts: SpawnOptions = {},
): { ok: boolean; output: string } {
  const res = spawnSync(cmd, args, { ...opts, encoding: "utf8" });
  return {
    ok: res.status === 0,
    output: `${res.stdout ?? ""}${res.stderr ?? ""}${res.error ? String(res.error) : ""}`,
  };
}

const live = new Set<ChildProcess>();

/**
 * Starts a server in its own process group: Ctrl-C in a terminal signals the whole foreground
 * group, and Redis or Meilisearch exiting at once would leave our shutdown (workers draining,
 * queues closing) waiting on a dead Redis. We stop them ourselves, last, with stopChild.
 */
export function startChild(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, ...opts });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

// Detached children no longer die with our process group: on any exit (process.exit after an
// error included) ask the ones still running to stop.
process.once("exit", () => {
  for (const child of live) child.kill("SIGTERM");
});

/** Sends SIGTERM, waits, then SIGKILL: nothing we started outlives us. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- servers left behind

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

const cwdOf = (pid: number) => {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
};

/**
 * Records a server we started (`dir` is its working directory under DATA_DIR) with the process
 * that owns it. Our servers run in their own process group (see startChild), so a bring-up
 * killed with SIGKILL, or crashing past its exit handler, leaves them running; the next
 * bring-up then recognises them by this file (stopLeftover) instead of taking them for someone
 * else's server on the port.
 */
export function writePidFile(file: string, child: ChildProcess): void {
  writeFileSync(file, `${JSON.stringify({ pid: child.pid, owner: process.pid })}\n`);
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Stops a server an earlier bring-up of ours started and left running when it died: the pid
 * file's server still runs in `dir` while its owner is gone. A server whose owner is alive
 * (another `npm run services`, a test run) is left alone, and so is anything not running in
 * `dir`. Returns whether one was stopped.
 */
export async function stopLeftover(file: string, dir: string, graceMs = 10_000): Promise<boolean> {
  let rec: { pid?: unknown; owner?: unknown };
  try {
    rec = JSON.parse(readFileSync(file, "utf8")) as typeof rec;
  } catch {
    return false;
  }
  const pid = Number(rec.pid);
  const owner = Number(rec.owner);
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) return false;
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || cwdOf(pid) !== realpathSync(dir)) {
    removePidFile(file);
    return false;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  while (alive(pid)) await new Promise((r) => setTimeout(r, 50));
  removePidFile(file);
  return true;
}
