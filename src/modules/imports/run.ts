import { randomBytes } from "node:crypto";
import { access, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Tx } from "../../../db/client";
import type { ImportRow } from "../../../db/schema/imports";
import { chinaDate } from "../../lib/china-time";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { applyChunk } from "./apply";
import { lockCountyImports, regionsWithin } from "./bulk-repo";
import { discardUpload, IMPORT_DIR, importDir } from "./files";
import { FIELD_LABEL } from "./read/header";
import { type Ledger, type LedgerRow, openLedger } from "./read/ledger";
import { fileUnreadable, isFileUnreadable } from "./read/unreadable";
import { findImport, markFailed, markRunning, markSucceeded, setProgress } from "./repo";
import { type Outcome, type ResultSink, type RowResult, xlsxResultSink } from "./results";
import { type ChunkEnv, ImportState, type ScreenedChunk, screenChunk } from "./screen";
import { VillageIndex } from "./villages";

/** Rows judged and written together: one lookup and one multi-row write per table per chunk. */
export const CHUNK_ROWS = 5_000;

export interface ImportProgress {
  rowsProcessed: number;
  /** 0 … 1 */
  progress: number;
}

export interface RunOptions {
  /** More places for per-row results (the CLI's --out). */
  sinks?: ResultSink[];
  onProgress?: (p: ImportProgress) => void;
  /**
   * false: another attempt follows a failure of this one (the worker's retries), so the upload
   * is kept for it. Otherwise the upload is deleted however the run ends; a file that cannot be
   * read fails for good and is deleted in any case.
   */
  lastAttempt?: boolean;
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
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function fileInfoOf(ledger: Ledger) {
  return {
    format: ledger.format,
    encoding: ledger.encoding,
    skippedSheets: ledger.skippedSheets,
    sheets: ledger.headers.map((h) => ({
      sheet: h.sheet,
      headerRow: h.rowNumber,
      columns: h.fields.map((f) => FIELD_LABEL[f]),
      ignored: h.ignored,
    })),
  };
}

function summaryLines(job: ImportRow, ledger: Ledger, state: ImportState): [string, string][] {
  const lines: [string, string][] = [
    ["文件", job.fileName],
    ["县区代码", job.countyCode],
  ];
  if (state.headMissing.size)
    lines.push([
      "户主待补充的户",
      `${state.headMissing.size} 户（成员已登记；请填写户主或导入标明户主的台账）`,
    ]);
  for (const h of ledger.headers) {
    const at = h.sheet ? `工作表“${h.sheet}”` : "";
    lines.push(
      [`${at}表头`, `第 ${h.rowNumber} 行`],
      [`${at}识别的列`, h.fields.map((f) => FIELD_LABEL[f]).join("、")],
    );
    if (h.ignored.length) lines.push([`${at}未识别的列`, h.ignored.join("、")]);
  }
  if (ledger.skippedSheets.length)
    lines.push(["未导入的工作表（无表头）", ledger.skippedSheets.join("、")]);
  return lines;
}

export const storedSummary = (job: ImportRow): ImportSummary => ({
  importId: job.id,
  counts: {
    created: job.createdCount ?? 0,
    updated: job.updatedCount ?? 0,
    unchanged: job.unchangedCount ?? 0,
    rejected: job.rejectedCount ?? 0,
  },
  resultPath: job.resultPath,
  fileInfo: job.fileInfo,
});

async function chunkEnv(ctx: Ctx, county: string): Promise<ChunkEnv> {
  const regions = await regionsWithin(ctx.db, county);
  const countyName = regions.find((r) => r.code === county)?.name ?? county;
  const now = ctx.now();
  return {
    county,
    now,
    today: chinaDate(now),
    pii: ctx.pii,
    rule: { now, min: ctx.config.WORKING_AGE_MIN, max: ctx.config.WORKING_AGE_MAX },
    villages: new VillageIndex(county, countyName, regions),
  };
}

class AlreadySucceeded extends Error {}

function briefError(err: unknown): { name: string; code?: string; message: string } {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const source = e.cause?.message ? e.cause : e;
  return {
    name: e.name ?? "Error",
    code: source.code,
    message: String(source.message ?? err).slice(0, 200),
  };
}

/** One attempt at an import: what applyLedger needs inside its transaction. */
interface Attempt {
  ctx: Ctx;
  job: ImportRow;
  env: ChunkEnv;
  ledger: Ledger;
  sinks: ResultSink[];
  /** Absolute path the stored result is written to, renamed to `resultPath` before commit. */
  tmpResult: string;
  resultPath: string;
  onProgress?: RunOptions["onProgress"];
}

/**
 * Reads the next chunk while the current one is written, so that parsing (this process)
 * overlaps with Postgres (another). A failure of the early read surfaces when it is awaited.
 */
async function* prefetched<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  for (;;) {
    const r = await next;
    if (r.done) return;
    next = it.next();
    next.catch(() => {});
    yield r.value;
  }
}

async function* screened(
  env: ChunkEnv,
  state: ImportState,
  source: AsyncIterable<LedgerRow[]>,
): AsyncGenerator<ScreenedChunk> {
  for await (const rows of source) yield screenChunk(env, state, rows);
}

/**
 * Per-row results to the sinks and the progress row (outside the transaction, so that it can be
 * watched), started on the next turn of the event loop: by then the next chunk's first
 * statement is on its way to Postgres.
 */
async function afterChunk(a: Attempt, results: RowResult[], p: ImportProgress): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  for (const s of a.sinks) await s.add(results);
  await setProgress(a.ctx.db, a.job.id, p.rowsProcessed, p.progress, a.ctx.now());
  a.onProgress?.(p);
}

/** The transaction: every chunk, the result file, and the move to `succeeded`. */
async function applyLedger(tx: Tx, a: Attempt): Promise<ImportSummary> {
  const { ctx, job, ledger } = a;
  await lockCountyImports(tx, job.countyCode);
  if ((await findImport(tx, job.id))?.status === "succeeded") throw new AlreadySucceeded();
  const state = new ImportState();
  let processed = 0;
  // A chunk's results are written (and its progress recorded) while the next chunk's statements
  // run in Postgres; at most one chunk is behind, so memory stays bounded by the chunk size.
  let behind: Promise<void> = Promise.resolve();
  try {
    for await (const chunk of prefetched(screened(a.env, state, chunks(ledger.rows, CHUNK_ROWS)))) {
      const results = await applyChunk(tx, a.env, state, chunk);
      await behind;
      processed += results.length;
      const p = { rowsProcessed: processed, progress: ledger.progress() };
      behind = afterChunk(a, results, p);
      behind.catch(() => {});
    }
    await behind;
  } finally {
    await behind.catch(() => {});
  }
  const fileInfo = fileInfoOf(ledger);
  for (const s of a.sinks)
    await s.close({ counts: state.counts, lines: summaryLines(job, ledger, state) });
  await rename(a.tmpResult, join(resolve(ctx.config.DATA_DIR), a.resultPath));
  await markSucceeded(
    tx,
    job.id,
    { counts: state.counts, resultPath: a.resultPath, fileInfo },
    ctx.now(),
  );
  return { importId: job.id, counts: { ...state.counts }, resultPath: a.resultPath, fileInfo };
}

/**
 * Applies a stored ledger to the registry. The whole file is one transaction (docs/IMPORT.md,
 * "Atomicity"): it commits together with the move to `succeeded`, or leaves nothing; a crashed
 * attempt is rolled back by Postgres and the retry starts over. Imports of one county are
 * serialised by an advisory lock, and a run that finds its import already succeeded (a stalled
 * job picked up twice) changes nothing.
 */
export async function runImport(
  ctx: Ctx,
  importId: string,
  opts: RunOptions = {},
): Promise<ImportSummary> {
  const job = await findImport(ctx.db, importId);
  if (!job) throw new AppError("IMPORT_NOT_FOUND", "导入任务不存在");
  const dataDir = resolve(ctx.config.DATA_DIR);
  if (job.status === "succeeded") {
    await discardUpload(dataDir, job.filePath);
    return storedSummary(job);
  }
  await markRunning(ctx.db, job.id, ctx.now());
  const tmpResult = join(
    await importDir(dataDir),
    `${job.id}.result.${randomBytes(4).toString("hex")}.tmp.xlsx`,
  );
  const sinks = [xlsxResultSink(tmpResult), ...(opts.sinks ?? [])];
  let ledger: Ledger | undefined;
  try {
    const upload = join(dataDir, job.filePath);
    await access(upload).catch(() => {
      throw fileUnreadable(
        `上传的文件已不存在（超过 ${ctx.config.IMPORT_UPLOAD_RETENTION_HOURS} 小时未导入，已按规定删除），请重新上传`,
        "the uploaded file is gone (deleted after the retention period); upload it again",
      );
    });
    ledger = await openLedger(upload);
    const attempt: Attempt = {
      ctx,
      job,
      ledger,
      sinks,
      tmpResult,
      resultPath: join(IMPORT_DIR, `${job.id}.result.xlsx`),
      env: await chunkEnv(ctx, job.countyCode),
      onProgress: opts.onProgress,
    };
    const summary = await ctx.db.transaction((tx) => applyLedger(tx, attempt));
    // After the commit: a crash in between leaves the upload to the maintenance sweep.
    await discardUpload(dataDir, job.filePath);
    return summary;
  } catch (err) {
    ledger?.close();
    await Promise.all(sinks.map((s) => s.abort()));
    await rm(tmpResult, { force: true });
    const unreadable = isFileUnreadable(err);
    if (err instanceof AlreadySucceeded || unreadable || opts.lastAttempt !== false)
      await discardUpload(dataDir, job.filePath);
    if (err instanceof AlreadySucceeded) return storedSummary((await findImport(ctx.db, job.id))!);
    // Not the error itself: a failed bulk statement carries a chunk of personal data in its parameters.
    if (!unreadable) ctx.log.error({ importId: job.id, error: briefError(err) }, "import failed");
    await markFailed(
      ctx.db,
      job.id,
      unreadable
        ? { code: err.code, message: err.message }
        : { code: "INTERNAL", message: "导入失败：系统错误，将自动重试" },
      ctx.now(),
    );
    throw err;
  }
}
