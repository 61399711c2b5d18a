import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Job } from "bullmq";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imports } from "../../../db/schema/imports";
import { systemCtx } from "../../../src/lib/ctx";
import type { AppError } from "../../../src/lib/errors";
import { sweepImportFiles } from "../../../src/modules/imports/files";
import type { ResultSink } from "../../../src/modules/imports/results";
import { runImport } from "../../../src/modules/imports/run";
import { createImport } from "../../../src/modules/imports/service";
import { processMaintenance } from "../../../workers/maintenance";
import { createHarness, type Harness } from "../../support/harness";
import { FIXTURE_DIR, GONGCHENG, HEADER, idNumber, writeCsv, ZHOUTANG } from "./fixtures";

// A DATA_DIR of this file's own: the sweep reads the whole imports directory.
const DATA_DIR = join(FIXTURE_DIR, `data-${randomBytes(4).toString("hex")}`);
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    env: { DATA_DIR, IMPORT_UPLOAD_RETENTION_HOURS: "24", IMPORT_RESULT_RETENTION_HOURS: "72" },
  });
});
afterAll(async () => {
  await h?.close();
});

const ctx = () => systemCtx(h.deps, "test");
const mode = (path: string) => statSync(path).mode & 0o777;
const onDisk = (relative: string) => resolve(DATA_DIR, relative);
const ledger = () =>
  writeCsv(
    [
      HEADER,
      [1, null, "韦文件", idNumber(), null, null, "脱贫户", "全劳动力", "无", ZHOUTANG.name],
    ],
    "utf8",
  );

async function stored(path: string) {
  return createImport(ctx(), {
    county: GONGCHENG,
    fileName: "台账.csv",
    content: { path },
    queue: false,
  });
}

/** Sets a file's modification time `hours` back. */
function age(path: string, hours: number) {
  const t = new Date(Date.now() - hours * 3_600_000);
  utimesSync(path, t, t);
}

describe("ledger files on disk", () => {
  it("writes the upload and the result readable by the service's user only, in a 0700 directory", async () => {
    const job = await stored(ledger());
    expect(mode(onDisk(job.filePath))).toBe(0o600);
    expect(mode(resolve(DATA_DIR, "imports"))).toBe(0o700);
    const summary = await runImport(ctx(), job.id);
    expect(mode(onDisk(summary.resultPath!))).toBe(0o600);
  });

  it("deletes the upload once the import succeeded", async () => {
    const job = await stored(ledger());
    expect(existsSync(onDisk(job.filePath))).toBe(true);
    await runImport(ctx(), job.id);
    expect(existsSync(onDisk(job.filePath))).toBe(false);
  });

  it("keeps the upload after a failed attempt only while another attempt follows, and deletes it after the last", async () => {
    const job = await stored(ledger());
    const broken: ResultSink = {
      add: async () => {
        throw new Error("disk full");
      },
      close: async () => {},
      abort: async () => {},
    };
    await expect(runImport(ctx(), job.id, { sinks: [broken], lastAttempt: false })).rejects.toThrow(
      "disk full",
    );
    expect(existsSync(onDisk(job.filePath))).toBe(true);
    await expect(runImport(ctx(), job.id, { sinks: [broken] })).rejects.toThrow("disk full");
    expect(existsSync(onDisk(job.filePath))).toBe(false);
    const [row] = await h.deps.db.select().from(imports).where(eq(imports.id, job.id));
    expect(row).toMatchObject({ status: "failed", errorCode: "INTERNAL" });
  });

  it("deletes an unreadable upload at once, retries or not", async () => {
    const path = join(FIXTURE_DIR, `${randomBytes(6).toString("hex")}.csv`);
    writeFileSync(path, "这不是台账\n");
    const job = await stored(path);
    const err = await runImport(ctx(), job.id, { lastAttempt: false }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("IMPORT_FILE_UNREADABLE");
    expect(existsSync(onDisk(job.filePath))).toBe(false);
  });

  it("sweeps uploads and results past their retention and keeps fresh ones and running imports' uploads", async () => {
    const dir = resolve(DATA_DIR, "imports");
    mkdirSync(dir, { recursive: true });
    const file = (name: string, hours: number) => {
      const path = join(dir, name);
      writeFileSync(path, "x");
      age(path, hours);
      return path;
    };
    const oldUpload = file(`${randomUUID()}.xlsx`, 25);
    const freshUpload = file(`${randomUUID()}.csv`, 23);
    const oldTmp = file(`${randomUUID()}.result.ab12cd34.tmp.xlsx`, 25);
    const oldResult = file(`${randomUUID()}.result.xlsx`, 73);
    const keptResult = file(`${randomUUID()}.result.xlsx`, 25);
    // An import that has been waiting long and is running now: the run deletes its file itself.
    const running = await stored(ledger());
    age(onDisk(running.filePath), 30);
    await h.deps.db
      .update(imports)
      .set({ status: "running", updatedAt: new Date() })
      .where(eq(imports.id, running.id));

    await sweepImportFiles(ctx());
    expect([oldUpload, oldTmp, oldResult].filter(existsSync)).toEqual([]);
    expect([freshUpload, keptResult, onDisk(running.filePath)].every(existsSync)).toBe(true);
  });

  it("is swept by the maintenance task sweep-import-files", async () => {
    const job = await stored(ledger());
    age(onDisk(job.filePath), 25);
    const swept = await processMaintenance(h.deps)({
      name: "sweep-import-files",
      id: "sweep-test",
    } as Job);
    expect(swept).toMatchObject({ uploads: expect.any(Number), results: expect.any(Number) });
    expect(existsSync(onDisk(job.filePath))).toBe(false);
  });

  it("fails an import for good, saying so, when its upload was swept before it ran", async () => {
    const job = await stored(ledger());
    age(onDisk(job.filePath), 25);
    await sweepImportFiles(ctx());
    const err = await runImport(ctx(), job.id, { lastAttempt: false }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("IMPORT_FILE_UNREADABLE");
    const [row] = await h.deps.db.select().from(imports).where(eq(imports.id, job.id));
    expect(row).toMatchObject({ status: "failed", errorCode: "IMPORT_FILE_UNREADABLE" });
    expect(row!.errorMessage).toMatch(/已不存在.*请重新上传/);
  });
});
