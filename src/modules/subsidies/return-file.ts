import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ensurePrivateDir, privateWriteStream } from "../../lib/private-files";
import { cellText } from "../imports/read/cells";
import { openRowSource } from "../imports/read/source";
import { fileUnreadable } from "../imports/read/unreadable";

/**
 * Reads a bank's return file with the ledger importer's readers (XLSX, or CSV in UTF-8 or
 * GBK/GB18030, told apart by content): the upload goes to a 0600 file under DATA_DIR, is read,
 * and is deleted. The header row is found by its column names, so a bank may add or move columns.
 */
export const RETURN_DIR = "payment-returns";

export interface ReturnRow {
  rowNumber: number;
  itemId: string;
  seq: string;
  name: string;
  idNumber: string;
  account: string;
  amount: string;
  result: string;
  reason: string;
  reference: string;
}

const HEADERS: Record<keyof Omit<ReturnRow, "rowNumber">, string[]> = {
  itemId: ["业务编号"],
  seq: ["序号"],
  name: ["姓名", "户名", "收款人"],
  idNumber: ["身份证号", "证件号码", "身份证号码"],
  account: ["账号", "卡号", "银行账号"],
  amount: ["金额（元）", "金额(元)", "金额"],
  result: ["结果", "处理结果", "发放结果"],
  reason: ["失败原因", "备注"],
  reference: ["银行流水号", "流水号"],
};

export async function readReturnFile(dataDir: string, file: File): Promise<ReturnRow[]> {
  const dir = await ensurePrivateDir(resolve(dataDir, RETURN_DIR));
  const path = resolve(dir, randomUUID());
  try {
    await pipeline(
      Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream<Uint8Array>),
      privateWriteStream(path),
    );
    const source = await openRowSource(path);
    const out: ReturnRow[] = [];
    let columns: Map<string, number> | undefined;
    try {
      for await (const raw of source.rows) {
        const texts = Array.from(raw.values, (v) => cellText(v ?? null)); // XLSX rows have holes
        if (!columns) {
          columns = headerOf(texts);
          if (!columns && raw.rowNumber >= 10) break;
          continue;
        }
        if (texts.every((t) => t === "")) continue;
        const get = (k: keyof typeof HEADERS) => {
          const i = columns!.get(k);
          return i === undefined ? "" : (texts[i] ?? "");
        };
        const row = { rowNumber: raw.rowNumber } as ReturnRow;
        for (const k of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) row[k] = get(k);
        if (row.seq === "合计") continue;
        out.push(row);
      }
    } finally {
      source.close();
    }
    if (!columns)
      throw fileUnreadable(
        "找不到表头：回盘文件须有「业务编号」和「结果」两列",
        "no header row with 业务编号 and 结果",
      );
    return out;
  } finally {
    await rm(path, { force: true });
  }
}

function headerOf(texts: string[]): Map<string, number> | undefined {
  const at = new Map<string, number>();
  for (const [key, names] of Object.entries(HEADERS)) {
    const i = texts.findIndex((t) => names.includes(t.replace(/\s/g, "")));
    if (i >= 0) at.set(key, i);
  }
  return at.has("itemId") && at.has("result") ? at : undefined;
}
