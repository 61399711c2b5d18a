/**
 * `npm run import -- FILE --county CODE [--out RESULT.xlsx|RESULT.csv]`
 *
 * Imports a ledger (台账) straight through the import service, without the queue: the same
 * reading, checks and single transaction as an upload. Prints the counts; per-row results go
 * to --out. Exit 0 when the file was processed (rejected rows included), 1 when the file
 * itself could not be read, 2 on bad arguments, 4 when the services or the configuration cannot
 * be used (the message says what to set).
 */
import { access, copyFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../src/config";
import { closeDeps, createDeps } from "../src/deps";
import { systemCtx } from "../src/lib/ctx";
import { AppError } from "../src/lib/errors";
import { englishReason, isFileUnreadable } from "../src/modules/imports/read/unreadable";
import { csvResultSink, OUTCOME_LABEL, type Outcome } from "../src/modules/imports/results";
import { type ImportProgress, runImport } from "../src/modules/imports/run";
import { createImport } from "../src/modules/imports/service";
import { boot } from "./lib/boot";
import { BringUpError } from "./lib/bring-up-error";

const USAGE = "用法 usage: npm run import -- FILE --county CODE [--out RESULT.xlsx|RESULT.csv]";

function fail(code: number, zh: string, en: string): never {
  process.stderr.write(`${zh} / ${en}\n`);
  process.exit(code);
}

function args() {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { county: { type: "string" }, out: { type: "string" } },
    });
    const file = positionals[0];
    if (!file || !values.county || positionals.length > 1)
      fail(2, USAGE, "FILE and --county are required");
    if (values.out && !/\.(xlsx|csv)$/i.test(values.out))
      fail(2, "--out 须以 .xlsx 或 .csv 结尾", "--out must end in .xlsx or .csv");
    return {
      file: resolve(file),
      county: values.county,
      out: values.out ? resolve(values.out) : undefined,
    };
  } catch (err) {
    return fail(2, USAGE, (err as Error).message);
  }
}

/** A one-line bar on stderr, redrawn per chunk; nothing when stderr is not a terminal. */
function progressBar(): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const width = 30;
    const filled = Math.round(p.progress * width);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(p.progress * 100).toFixed(0).padStart(3)}%  ${p.rowsProcessed.toLocaleString("en")} 行 rows`,
    );
  };
}

const { file, county, out } = args();
await access(file).catch(() => fail(1, `无法读取文件：${file}`, `cannot read file: ${file}`));

const booted = await boot({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }).catch(
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof BringUpError)
      fail(4, "无法启动导入（服务或配置不可用）", err.message);
    throw err;
  },
);
const deps = createDeps(booted.config, booted.log);
let exitCode = 0;
try {
  const ctx = systemCtx(deps, "import-cli");
  const job = await createImport(ctx, {
    county,
    fileName: basename(file),
    content: { path: file },
    queue: false,
  });
  const bar = progressBar();
  const csvOut = out?.toLowerCase().endsWith(".csv") ? out : undefined;
  const summary = await runImport(ctx, job.id, {
    sinks: csvOut ? [csvResultSink(csvOut)] : [],
    onProgress: bar,
  });
  if (bar) process.stderr.write("\n");
  if (out && !csvOut && summary.resultPath)
    await copyFile(resolve(booted.config.DATA_DIR, summary.resultPath), out);
  const line = (Object.keys(OUTCOME_LABEL) as Outcome[])
    .map((o) => `${OUTCOME_LABEL[o]} ${o}: ${summary.counts[o]}`)
    .join("  ");
  process.stdout.write(
    `${line}\n导入编号 import id: ${summary.importId}${out ? `\n逐行结果 results: ${out}` : ""}\n`,
  );
} catch (err) {
  if (process.stderr.isTTY) process.stderr.write("\n");
  exitCode = 1;
  if (isFileUnreadable(err))
    process.stderr.write(
      `文件无法导入：${err.message} / file could not be imported: ${englishReason(err)}\n`,
    );
  else if (err instanceof AppError && err.status < 500) {
    if (err.extra.field === "county") exitCode = 2;
    process.stderr.write(`导入失败：${err.message} / import failed: ${err.code}\n`);
  } else {
    exitCode = 3;
    booted.log.error({ err }, "import failed");
    process.stderr.write(`导入失败（系统错误）/ import failed: ${(err as Error).message}\n`);
  }
} finally {
  await closeDeps(deps);
  await booted.services.stop();
}
process.exit(exitCode);
