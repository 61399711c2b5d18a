import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import type { ImportRow } from "../../../db/schema/imports";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { chinaDate } from "../../lib/id-number";
import { ImportState, applyChunk, type ChunkEnv } from "./apply";
import { regionsWithin } from "./bulk-repo";
import { FIELD_LABEL } from "./read/header";
import { openLedger, type Ledger, type LedgerRow } from "./read/ledger";
import { isFileUnreadable } from "./read/unreadable";
import { findImport, markFailed, markRunning, markSucceeded, setProgress } from "./repo";
import { xlsxResultSink, type Outcome, type ResultSink } from "./results";
import { VillageIndex } from "./villages";

/** Rows judged and written together: one lookup and one multi-row write per table per chunk. */
export const CHUNK_ROWS = 2_000;

export interface ImportProgress {
  rowsProcessed: number;
  /** 0 … 1 */
  progress: number;
}

export interface RunOptions {
  /** More places for per-row results (the CLI's --out). */
  sinks?: ResultSink[];
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportSummary {
  importId: string;
  counts: Record<Outcome, number>;
  resultPath: string | null;
  fileInfo: unknown;
}

async function* chunks(rows: AsyncIterable<LedgerRow>, size: number): AsyncGenerator<LedgerRow[]> {
  let batch: LedgerRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) { yield batch; batch = []; }
  }
  if (batch.length > 0) yield batch;
}

function fileInfoOf(ledger: Ledger) {
  return {
    format: ledger.format, encoding: ledger.encoding, skippedSheets: ledger.skippedSheets,
    sheets: ledger.headers.map((h) => ({ sheet: h.sheet, headerRow: h.rowNumber, columns: h.fields.map((f) => FIELD_LABEL[f]), ignored: h.ignored })),
  };
}

function summaryLines(job: ImportRow, ledger: Ledger): [string, string][] {
  const lines: [string, string][] = [["文件", job.fileName], ["县区代码", job.countyCode]];
  for (const h of ledger.headers) {
    const at = h.sheet ? `工作表“${h.sheet}”` : "";
    lines.push([`${at}表头`, `第 ${h.rowNumber} 行`], [`${at}识别的列`, h.fields.map((f) => FIELD_LABEL[f]).join("、")]);
    if (h.ignored.length) lines.push([`${at}未识别的列`, h.ignored.join("、")]);
  }
  if (ledger.skippedSheets.length) lines.push(["未导入的工作表（无表头）", ledger.skippedSheets.join("、")]);
  return lines;
}

export const storedSummary = (job: ImportRow): ImportSummary => ({
  importId: job.id,
  counts: { created: job.createdCount ?? 0, updated: job.updatedCount ?? 0, unchanged: job.unchangedCount ?? 0, rejected: job.rejectedCount ?? 0 },
  resultPath: job.resultPath,
  fileInfo: job.fileInfo,
});

async function chunkEnv(ctx: Ctx, county: string): Promise<ChunkEnv> {
  const regions = await regionsWithin(ctx.db, county);
  const countyName = regions.find((r) => r.code === county)?.name ?? county;
  const now = ctx.now();
  return {
    county, now, today: chinaDate(now), pii: ctx.pii,
    rule: { now, min: ctx.config.WORKING_AGE_MIN, max: ctx.config.WORKING_AGE_MAX },
    villages: new VillageIndex(county, countyName, regions),
  };
}

class AlreadySucceeded extends Error {}

/**
 * Applies a stored ledger to the registry. The whole file is one transaction (docs/IMPORT.md,
 * "Atomicity"): it commits together with the move to `succeeded`, or leaves nothing; a crashed
 * attempt is rolled back by Postgres and the retry starts over. Imports of one county are
 * serialised by an advisory lock, and a run that finds its import already succeeded (a stalled
 * job picked up twice) changes nothing.
 */
export async function runImport(ctx: Ctx, importId: string, opts: RunOptions = {}): Promise<ImportSummary> {
  const job = await findImport(ctx.db, importId);
  if (!job) throw new AppError("IMPORT_NOT_FOUND", "导入任务不存在");
  if (job.status === "succeeded") return storedSummary(job);
  await markRunning(ctx.db, job.id, ctx.now());
  const dataDir = resolve(ctx.config.DATA_DIR);
  const resultPath = join("imports", `${job.id}.result.xlsx`);
  const tmpResult = join(dataDir, "imports", `${job.id}.result.${randomBytes(4).toString("hex")}.tmp.xlsx`);
  await mkdir(dirname(tmpResult), { recursive: true });
  const sinks = [xlsxResultSink(tmpResult), ...(opts.sinks ?? [])];
  let ledger: Ledger | undefined;
  try {
    ledger = await openLedger(join(dataDir, job.filePath));
    const env = await chunkEnv(ctx, job.countyCode);
    const opened = ledger;
    return await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${job.countyCode}`}))`);
      if ((await findImport(tx, job.id))?.status === "succeeded") throw new AlreadySucceeded();
      const state = new ImportState();
      let processed = 0;
      for await (const chunk of chunks(opened.rows, CHUNK_ROWS)) {
        const results = await applyChunk(tx, env, state, chunk);
        for (const s of sinks) await s.add(results);
        processed += chunk.length;
        const p = { rowsProcessed: processed, progress: opened.progress() };
        await setProgress(ctx.db, job.id, p.rowsProcessed, p.progress, ctx.now());
        opts.onProgress?.(p);
      }
      const fileInfo = fileInfoOf(opened);
      for (const s of sinks) await s.close({ counts: state.counts, lines: summaryLines(job, opened) });
      await rename(tmpResult, join(dataDir, resultPath));
      await markSucceeded(tx, job.id, { counts: state.counts, resultPath, fileInfo }, ctx.now());
      return { importId: job.id, counts: { ...state.counts }, resultPath, fileInfo };
    });
  } catch (err) {
    ledger?.close();
    await Promise.all(sinks.map((s) => s.abort()));
    await rm(tmpResult, { force: true });
    if (err instanceof AlreadySucceeded) return storedSummary((await findImport(ctx.db, job.id))!);
    const failure = isFileUnreadable(err) ? { code: err.code, message: err.message } : { code: "INTERNAL", message: "导入失败：系统错误，将自动重试" };
    if (!isFileUnreadable(err)) ctx.log.error({ err, importId: job.id }, "import failed");
    await markFailed(ctx.db, job.id, failure, ctx.now());
    throw err;
  }
}
