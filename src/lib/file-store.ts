import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ensurePrivateDir, privateWriteStream } from "./private-files";

/**
 * Where uploaded files (employment evidence) live. Small on purpose so an object store can take
 * the local disk's place later: keys are chosen here (a uuid), never derived from what a client
 * sent, so no file name or path from a request reaches the file system.
 */
export interface StoredFile {
  key: string;
  bytes: number;
  sha256: string;
}

export interface FileStore {
  /** Writes a new object under a fresh key. */
  put(content: Uint8Array | ReadableStream<Uint8Array> | Readable): Promise<StoredFile>;
  /** The object's bytes; FILE_NOT_FOUND-style absence is an `undefined`. */
  get(key: string): Promise<Readable | undefined>;
  /** Deletes the object; missing already is fine. */
  remove(key: string): Promise<void>;
}

const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files readable by the service's user only, in a directory only it can list (DATA_DIR/evidence). */
export function localFileStore(dir: string): FileStore {
  const root = resolve(dir);
  let ready: Promise<void> | undefined;
  const ensureDir = () =>
    (ready ??= ensurePrivateDir(root)
      .then(() => undefined)
      .catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
  const pathOf = (key: string) => {
    if (!KEY_RE.test(key)) throw new Error("file-store: not a key this store issued");
    return resolve(root, key);
  };
  return {
    async put(content) {
      await ensureDir();
      const key = randomUUID();
      const path = pathOf(key);
      const hash = createHash("sha256");
      let bytes = 0;
      const source =
        content instanceof Uint8Array
          ? Readable.from([content])
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
      try {
        await pipeline(source, count, privateWriteStream(path));
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
      return { key, bytes, sha256: hash.digest("hex") };
    },
    async get(key) {
      const path = pathOf(key);
      const stream = createReadStream(path);
      return new Promise<Readable | undefined>((ok, fail) => {
        stream.once("open", () => ok(stream));
        stream.once("error", (err: NodeJS.ErrnoException) =>
          err.code === "ENOENT" ? ok(undefined) : fail(err),
        );
      });
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Under DATA_DIR; one directory per kind of file. */
export const EVIDENCE_DIR = "evidence";
