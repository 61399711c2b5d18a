import { AppError } from "../../../lib/errors";

/**
 * The file as a whole cannot be imported (not a spreadsheet, no header, broken ZIP, unclosed
 * quote …). Rows are never the reason: a bad row is rejected and the rest go on. `details.en`
 * carries an English one-liner for logs and the CLI.
 */
export function fileUnreadable(message: string, en: string): AppError {
  return new AppError("IMPORT_FILE_UNREADABLE", message, { field: "file", details: { en } });
}

export function isFileUnreadable(err: unknown): err is AppError {
  return err instanceof AppError && err.code === "IMPORT_FILE_UNREADABLE";
}

/** English reason carried by a fileUnreadable error. */
export function englishReason(err: AppError): string {
  const d = err.extra.details as { en?: unknown } | undefined;
  return typeof d?.en === "string" ? d.en : err.message;
}
