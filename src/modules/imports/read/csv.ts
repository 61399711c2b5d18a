import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import type { RawRow, RowSource } from "./source";
import { fileUnreadable } from "./unreadable";

export type TextEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

const SAMPLE_BYTES = 64 * 1024;

/** Drops a multi-byte UTF-8 sequence cut off by the end of a sample. */
function trimPartialUtf8(buf: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.subarray(0, buf.length - back) : buf;
  }
  return buf;
}

/**
 * BOM first (EF BB BF → UTF-8, FF FE / FE FF → UTF-16 as Excel's "Unicode text" writes);
 * otherwise text that is valid UTF-8 is UTF-8, and anything else is GB18030, the superset of
 * GBK that Excel and WPS on Chinese Windows write (it also covers rare characters in names).
 * `whole` says the sample is the entire file (no sequence can be cut at its end).
 */
export function detectEncoding(sample: Buffer, whole = false): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  return isUtf8(whole ? sample : trimPartialUtf8(sample)) ? "utf-8" : "gb18030";
}

/** Comma unless the first lines hold more tabs or semicolons (Excel's Unicode text is tab-separated). */
export function detectDelimiter(text: string): string {
  const head = text.split(/\r?\n/).slice(0, 10).join("\n");
  const count = (ch: string) => head.split(ch).length - 1;
  const candidates: [string, number][] = [
    [",", count(",")],
    ["\t", count("\t")],
    [";", count(";")],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

/**
 * Streams a delimited text ledger: decoded on the fly (iconv-lite), parsed by csv-parse with
 * quoted fields holding delimiters and line breaks. Row numbers count records, blank lines
 * included, which is the row number Excel shows when it opens the same file.
 */
export async function openCsv(path: string, size: number): Promise<RowSource> {
  const fh = await open(path, "r");
  const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
  try {
    await fh.read(sample, 0, sample.length, 0);
  } finally {
    await fh.close();
  }
  const encoding = detectEncoding(sample, size <= SAMPLE_BYTES);
  if (sample.includes(0) && !encoding.startsWith("utf-16")) {
    throw fileUnreadable(
      "无法识别的文件格式，请上传 .xlsx 或 CSV 文件",
      "binary content: neither XLSX nor delimited text",
    );
  }
  const delimiter = detectDelimiter(iconv.decode(sample, encoding));
  let bytesRead = 0;
  const file = createReadStream(path);

  async function* rows(): AsyncGenerator<RawRow> {
    // Counted in the same tick as pipe(): a 'data' listener alone would start the flow early.
    file.on("data", (chunk) => {
      bytesRead += chunk.length;
    });
    const parser = file.pipe(iconv.decodeStream(encoding)).pipe(
      parse({
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: true,
      }),
    );
    let rowNumber = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber++;
        const values = new Array<string | null>(record.length + 1);
        values[0] = null;
        for (let i = 0; i < record.length; i++) values[i + 1] = record[i]!;
        yield { sheet: null, rowNumber, values };
      }
    } catch (err) {
      const e = err as { code?: string; message: string };
      if (e.code === "CSV_QUOTE_NOT_CLOSED") {
        throw fileUnreadable(
          `CSV 文件第 ${rowNumber + 1} 行起引号未闭合，文件可能不完整`,
          `unclosed quote after record ${rowNumber}`,
        );
      }
      throw fileUnreadable(
        `CSV 文件第 ${rowNumber + 1} 行无法解析，文件可能已损坏`,
        `CSV parse failed after record ${rowNumber}: ${e.message}`,
      );
    } finally {
      file.destroy();
    }
  }

  return {
    format: "csv",
    encoding,
    sheetCount: 1,
    rows: rows(),
    progress: () => (size > 0 ? Math.min(1, bytesRead / size) : 0),
    close: () => file.destroy(),
  };
}
