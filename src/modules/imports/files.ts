import { readdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Ctx } from "../../lib/ctx";
import { ensurePrivateDir } from "../../lib/private-files";
import { recentlyRunningImports } from "./repo";

/**
 * Ledger files on disk (docs/IMPORT.md, "Files on disk"). Uploads and result files hold
 * personal data (full ID numbers and phones in an upload; names and masked ID numbers in a
 * result), so they are readable by the service's user only, an upload lives as long as its
 * import needs it, and the maintenance sweep removes what outlived its retention.
 */

/** Under DATA_DIR; paths stored in `imports` are relative to DATA_DIR. */
export const IMPORT_DIR = "imports";

const RESULT_SUFFIX = ".result.xlsx";
const HOUR_MS = 3_600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** DATA_DIR/imports, created 0700 and narrowed to 0700 when an older deployment made it wider. */
export function importDir(dataDir: string): Promise<string> {
  return ensurePrivateDir(resolve(dataDir, IMPORT_DIR));
}

/** Deletes an import's upload; missing already is fine (the sweep, or a second run). */
export async function discardUpload(dataDir: string, filePath: string): Promise<void> {
  await rm(resolve(dataDir, filePath), { force: true });
}

export interface SweepResult {
  uploads: number;
  results: number;
}

/**
 * Deletes uploads (and half-written temporary results) older than IMPORT_UPLOAD_RETENTION_HOURS
 * and result files older than IMPORT_RESULT_RETENTION_HOURS, by modification time. An upload
 * whose import is running right now (progress written within the retention) is left to the run,
 * which deletes it when it ends.
 */
export async function sweepImportFiles(
  ctx: Pick<Ctx, "config" | "db" | "now">,
): Promise<SweepResult> {
  const dir = await importDir(ctx.config.DATA_DIR);
  const now = ctx.now().getTime();
  const uploadCutoff = now - ctx.config.IMPORT_UPLOAD_RETENTION_HOURS * HOUR_MS;
  const resultCutoff = now - ctx.config.IMPORT_RESULT_RETENTION_HOURS * HOUR_MS;
  const old: { name: string; result: boolean }[] = [];
  for (const name of await readdir(dir)) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    const result = name.endsWith(RESULT_SUFFIX);
    if (info.mtimeMs < (result ? resultCutoff : uploadCutoff)) old.push({ name, result });
  }
  const ids = old
    .filter((f) => !f.result && UUID.test(f.name.slice(0, 36)))
    .map((f) => f.name.slice(0, 36));
  const running = await recentlyRunningImports(ctx.db, ids, new Date(uploadCutoff));
  const out: SweepResult = { uploads: 0, results: 0 };
  for (const f of old) {
    if (!f.result && running.has(f.name.slice(0, 36))) continue;
    await rm(join(dir, f.name), { force: true });
    out[f.result ? "results" : "uploads"]++;
  }
  return out;
}
