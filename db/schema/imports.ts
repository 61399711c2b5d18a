import {
  bigint,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";
import { users } from "./users";

export const importStatus = pgEnum("import_status", ["queued", "running", "succeeded", "failed"]);

/**
 * One ledger (台账) import: an uploaded spreadsheet applied to the registry of one county.
 * The file lives under DATA_DIR/imports/ (paths here are relative to DATA_DIR), its per-row
 * results next to it. The registry changes of an import commit together with the move to
 * `succeeded` (docs/IMPORT.md, "Atomicity"); the progress columns are written outside that
 * transaction so that they can be watched while it runs.
 */
export const imports = pgTable(
  "imports",
  {
    id: id(),
    /** Short county code (450332): rows whose village lies outside it are rejected. */
    countyCode: varchar({ length: 12 }).notNull(),
    /** As uploaded, for display only (never used as a path). */
    fileName: text().notNull(),
    filePath: text().notNull(),
    fileBytes: bigint({ mode: "number" }).notNull(),
    fileSha256: text().notNull(),
    status: importStatus().notNull().default("queued"),
    /** Rows judged so far in the current attempt, and the reader's position (0 … 1). */
    rowsProcessed: integer().notNull().default(0),
    progress: real().notNull().default(0),
    /** Final counts, set with `succeeded`. */
    totalRows: integer(),
    createdCount: integer(),
    updatedCount: integer(),
    unchangedCount: integer(),
    rejectedCount: integer(),
    resultPath: text(),
    /** What the reader found: format, encoding, header row and mapped columns per sheet. */
    fileInfo: jsonb(),
    /** Why a `failed` import failed, in Chinese, and its stable code. */
    errorCode: text(),
    errorMessage: text(),
    attempts: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id),
    startedAt: tstz(),
    finishedAt: tstz(),
    ...timestamps,
  },
  (t) => [index("imports_county_created_idx").on(t.countyCode, t.createdAt)],
);

export type ImportRow = typeof imports.$inferSelect;
