import type { Readable } from "node:stream";
import { pipeline, Transform } from "node:stream";
import { crc32 } from "node:zlib";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/**
 * Random access to one entry of a ZIP file on disk (an XLSX is a ZIP), read with yauzl (ZIP64,
 * sizes checked against the central directory) plus a CRC-32 check of every entry read, which
 * yauzl leaves to its caller. exceljs's streaming reader walks entries in file order and ignores
 * `<mergeCells>`, which Excel writes after all rows; reading the central directory lets us
 * inflate just the worksheet we need, once, ahead of the row stream.
 */
export interface ZipEntry {
  name: string;
  entry: Entry;
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: names are decoded as UTF-8 below, as Excel and WPS write them, and yauzl's
    // file-name checks (meant for extracting to disk) do not apply to parts we only read.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

export async function listZipEntries(path: string): Promise<Map<string, ZipEntry>> {
  const zip = await openZip(path);
  try {
    return await new Promise((resolve, reject) => {
      const entries = new Map<string, ZipEntry>();
      zip.on("entry", (entry: Entry) => {
        const name = (entry.fileName as unknown as Buffer).toString("utf8").replace(/^\//, "");
        entries.set(name, { name, entry });
        zip.readEntry();
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** Fails the stream at its end when the bytes' CRC-32 differs from the one the ZIP declares. */
function crcCheck(name: string, expected: number): Transform {
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(crc >>> 0 === expected >>> 0 ? null : new Error(`zip: CRC mismatch in ${name}`));
    },
  });
}

/** The entry's uncompressed bytes as a stream (stored or deflated entries), CRC-checked. */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  const zip = await openZip(path);
  try {
    const raw = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry.entry, (err, stream) => (err ? reject(err) : resolve(stream))),
    );
    // The stream holds its own reference to the file; closing the ZipFile lets the file close
    // when the stream ends or is destroyed. Errors reach the caller through the returned stream.
    return pipeline(raw, crcCheck(entry.name, entry.entry.crc32), () => {});
  } finally {
    zip.close();
  }
}
