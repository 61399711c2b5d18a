import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { type ImportRow, imports } from "../../../db/schema/imports";
import type { Outcome } from "./results";

export type NewImport = typeof imports.$inferInsert;

export async function insertImport(db: Executor, values: NewImport): Promise<ImportRow> {
  const [row] = await db.insert(imports).values(values).returning();
  return row!;
}

export async function findImport(db: Executor, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id)).limit(1);
  return row;
}

/** A new attempt starts from zero: the previous one's registry writes were rolled back. */
export async function markRunning(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(imports)
    .set({
      status: "running",
      attempts: sql`${imports.attempts} + 1`,
      rowsProcessed: 0,
      progress: 0,
      startedAt: now,
      finishedAt: null,
      errorCode: null,
      errorMessage: null,
      updatedAt: now,
    })
    .where(eq(imports.id, id));
}

/** Outside the import's transaction, so that it is visible while the transaction runs. */
export async function setProgress(
  db: Executor,
  id: string,
  rowsProcessed: number,
  progress: number,
  now: Date,
): Promise<void> {
  await db
    .update(imports)
    .set({ rowsProcessed, progress, updatedAt: now })
    .where(eq(imports.id, id));
}

export interface ImportOutcome {
  counts: Record<Outcome, number>;
  resultPath: string;
  fileInfo: unknown;
}

/** Inside the import's transaction: the move to `succeeded` commits with the registry changes. */
export async function markSucceeded(
  db: Executor,
  id: string,
  o: ImportOutcome,
  now: Date,
): Promise<void> {
  const total = o.counts.created + o.counts.updated + o.counts.unchanged + o.counts.rejected;
  await db
    .update(imports)
    .set({
      status: "succeeded",
      rowsProcessed: total,
      progress: 1,
      totalRows: total,
      createdCount: o.counts.created,
      updatedCount: o.counts.updated,
      unchangedCount: o.counts.unchanged,
      rejectedCount: o.counts.rejected,
      resultPath: o.resultPath,
      fileInfo: o.fileInfo,
      finishedAt: now,
      updatedAt: now,
    })
    .where(eq(imports.id, id));
}

export async function markFailed(
  db: Executor,
  id: string,
  error: { code: string; message: string },
  now: Date,
): Promise<void> {
  await db
    .update(imports)
    .set({
      status: "failed",
      errorCode: error.code,
      errorMessage: error.message,
      rowsProcessed: 0,
      progress: 0,
      finishedAt: now,
      updatedAt: now,
    })
    .where(eq(imports.id, id));
}

/** Of `ids`, the imports running now: `running` with progress written after `since`. */
export async function recentlyRunningImports(
  db: Executor,
  ids: string[],
  since: Date,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(inArray(imports.id, ids), eq(imports.status, "running"), gt(imports.updatedAt, since)),
    );
  return new Set(rows.map((r) => r.id));
}
