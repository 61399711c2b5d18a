import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ImportRow } from "../../../db/schema/imports";
import { assertRole } from "../../lib/auth";
import type { Ctx, Role } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { addOutbox } from "../../lib/outbox";
import { privateWriteStream } from "../../lib/private-files";
import { assertRegionScope, assertWritableRegion } from "../../lib/scope";
import { canonicalRegionCode } from "../regions/codes";
import { findRegion } from "../regions/repo";
import { IMPORT_DIR, importDir } from "./files";
import { findImport, insertImport } from "./repo";

/** Who may import a ledger: staff whose region contains the county (admin: any). */
export const IMPORT_ROLES: Role[] = ["admin", "bureau", "cadre"];

const KNOWN_EXTENSIONS = new Set([".xlsx", ".csv", ".txt"]);

export interface NewImportInput {
  county: string;
  fileName: string;
  /** The upload as a stream, or a path on this machine (the CLI). */
  content: ReadableStream<Uint8Array> | Readable | { path: string };
  /** false: the caller runs the import itself (the CLI), so no worker must pick it up. */
  queue?: boolean;
}

/** A six-digit county code in the regions table; padded forms (450332000000) are accepted. */
export async function checkCounty(ctx: Pick<Ctx, "db">, raw: string): Promise<string> {
  const code = canonicalRegionCode(raw);
  if (!code || code.length !== 6)
    throw new AppError("VALIDATION_FAILED", "请填写县级行政区划代码，如 450332", {
      field: "county",
    });
  const region = await findRegion(ctx.db, code);
  if (!region || region.level !== "county")
    throw new AppError("VALIDATION_FAILED", `县级行政区划代码“${code}”不存在`, { field: "county" });
  return code;
}

/** Copies the upload under DATA_DIR/imports/ (mode 0600), hashing it on the way. Returns [bytes, sha256]. */
async function storeFile(
  content: NewImportInput["content"],
  target: string,
): Promise<[number, string]> {
  const hash = createHash("sha256");
  let bytes = 0;
  const source =
    "path" in content
      ? createReadStream(content.path)
      : content instanceof Readable
        ? content
        : Readable.fromWeb(content as import("node:stream/web").ReadableStream<Uint8Array>);
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, count, privateWriteStream(target));
  return [bytes, hash.digest("hex")];
}

/**
 * Stores an uploaded ledger and queues its import. The row and its outbox event commit
 * together, so a queued import always reaches the worker (the relay retries the enqueue).
 */
export async function createImport(ctx: Ctx, input: NewImportInput): Promise<ImportRow> {
  if (ctx.actor.kind !== "system") assertRole(ctx.actor, IMPORT_ROLES);
  const county = await checkCounty(ctx, input.county);
  assertWritableRegion(ctx.actor, county, "county");
  const id = randomUUID();
  const ext = extname(input.fileName).toLowerCase();
  const filePath = join(IMPORT_DIR, `${id}${KNOWN_EXTENSIONS.has(ext) ? ext : ".bin"}`);
  const absolute = resolve(
    await importDir(ctx.config.DATA_DIR),
    `${id}${KNOWN_EXTENSIONS.has(ext) ? ext : ".bin"}`,
  );
  try {
    const [fileBytes, fileSha256] = await storeFile(input.content, absolute);
    if (fileBytes === 0)
      throw new AppError("VALIDATION_FAILED", "上传的文件是空的", { field: "file" });
    return await ctx.db.transaction(async (tx) => {
      const row = await insertImport(tx, {
        id,
        countyCode: county,
        fileName: input.fileName.slice(0, 255),
        filePath,
        fileBytes,
        fileSha256,
        createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      });
      if (input.queue !== false) await addOutbox(tx, { type: "import.queued", aggregateId: id });
      return row;
    });
  } catch (err) {
    await rm(absolute, { force: true });
    throw err;
  }
}

/** An import the actor may see: outside their region it does not exist. */
export async function getImport(ctx: Ctx, id: string): Promise<ImportRow> {
  assertRole(ctx.actor, IMPORT_ROLES);
  const row = await findImport(ctx.db, id);
  if (!row) throw new AppError("IMPORT_NOT_FOUND", "导入任务不存在");
  assertRegionScope(ctx.actor, row.countyCode, "IMPORT_NOT_FOUND", "导入任务不存在");
  return row;
}

/** The per-row result file of a finished import, as a stream. */
export async function openImportResult(
  ctx: Ctx,
  id: string,
): Promise<{ stream: Readable; bytes: number; fileName: string }> {
  const row = await getImport(ctx, id);
  if (row.status !== "succeeded" || !row.resultPath) {
    throw new AppError(
      "IMPORT_RESULT_NOT_READY",
      row.status === "failed" ? "导入失败，没有逐行结果" : "导入尚未完成，请稍后再下载结果",
    );
  }
  const path = resolve(ctx.config.DATA_DIR, row.resultPath);
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new AppError(
      "IMPORT_RESULT_EXPIRED",
      `逐行结果只保留 ${ctx.config.IMPORT_RESULT_RETENTION_HOURS} 小时，已删除；如需结果，请重新导入该台账`,
    );
  }
  const base = row.fileName.replace(/\.[^.]*$/, "");
  return { stream: createReadStream(path), bytes: info.size, fileName: `${base}-导入结果.xlsx` };
}
