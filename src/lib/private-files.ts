import { createWriteStream, type WriteStream } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";

/**
 * Files that hold personal data (ledger uploads and results, employment evidence) are readable by
 * the service's user only, in directories only it can list (docs/SECURITY.md). One place for the
 * modes, the directory and the writer, used by src/modules/imports/files.ts and src/lib/file-store.ts.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the directory 0700, and narrows it to 0700 when an older deployment made it wider. */
export async function ensurePrivateDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
  return dir;
}

/**
 * A new file only the service's user may read (`wx`: never an existing path); `overwrite` for a
 * path a person chose (the import CLI's --out), which keeps the mode of a file already there.
 */
export function privateWriteStream(path: string, overwrite = false): WriteStream {
  return createWriteStream(path, { flags: overwrite ? "w" : "wx", mode: PRIVATE_FILE_MODE });
}
