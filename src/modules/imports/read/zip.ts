import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";

/**
 * Random access to one entry of a ZIP file on disk (an XLSX is a ZIP). exceljs's streaming
 * reader walks entries in file order and ignores `<mergeCells>`, which Excel writes after all
 * rows; reading the central directory lets us inflate just the worksheet we need, once, ahead
 * of the row stream. Plain ZIP only (no ZIP64: an XLSX above 4 GiB is not a ledger).
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const CHUNK = 64 * 1024;

export async function listZipEntries(path: string): Promise<Map<string, ZipEntry>> {
  const fh = await open(path, "r");
  try {
    const { size } = await fh.stat();
    // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KiB).
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error("zip: end of central directory not found");
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let i = 0; i < count && p + 46 <= cd.length; i++) {
      if (cd.readUInt32LE(p) !== CEN_SIG) throw new Error("zip: bad central directory");
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLen).replace(/^\//, "");
      entries.set(name, {
        name,
        method: cd.readUInt16LE(p + 10),
        compressedSize: cd.readUInt32LE(p + 20),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** The entry's uncompressed bytes as a stream (stored or deflated entries). */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  // 64 KiB pieces (zlib's default is 16 KiB): a quarter of the stream turns for the same bytes.
  const fh = await open(path, "r");
  const head = Buffer.alloc(30);
  try {
    await fh.read(head, 0, 30, entry.localHeaderOffset);
  } finally {
    await fh.close();
  }
  if (head.readUInt32LE(0) !== LOC_SIG) throw new Error("zip: bad local header");
  const start = entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: CHUNK,
  });
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`zip: unsupported compression method ${entry.method}`);
  const inflate = createInflateRaw({ chunkSize: CHUNK });
  raw.on("error", (err) => inflate.destroy(err));
  return raw.pipe(inflate);
}
