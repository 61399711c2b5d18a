import { and, eq, isNull, like, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { type Employer, employers } from "../../../db/schema/employers";
import { afterKeyset, keysetOrder } from "../../lib/keyset";

export type { Employer };
export type NewEmployer = typeof employers.$inferInsert;

export async function findEmployer(db: Executor, id: string): Promise<Employer | undefined> {
  const [row] = await db.select().from(employers).where(eq(employers.id, id)).limit(1);
  return row;
}

/** Row lock for a status change: two bureau users verifying and suspending at once serialise here. */
export async function findEmployerForUpdate(
  db: Executor,
  id: string,
): Promise<Employer | undefined> {
  const [row] = await db
    .select()
    .from(employers)
    .where(eq(employers.id, id))
    .for("update")
    .limit(1);
  return row;
}

/** The employer a new registration would duplicate: same credit code, or same phone when neither has one. */
export async function findDuplicate(
  db: Executor,
  key: { creditCode: string | null; phoneHash: string },
) {
  const cond = key.creditCode
    ? eq(employers.creditCode, key.creditCode)
    : and(isNull(employers.creditCode), eq(employers.contactPhoneHash, key.phoneHash));
  const [row] = await db.select({ id: employers.id }).from(employers).where(cond).limit(1);
  return row;
}

/** Inserts unless a unique index says it exists; undefined then (the caller answers 409). */
export async function insertEmployer(
  db: Executor,
  values: NewEmployer,
): Promise<Employer | undefined> {
  const [row] = await db.insert(employers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateEmployer(
  db: Executor,
  id: string,
  values: Partial<NewEmployer>,
): Promise<Employer> {
  const [row] = await db.update(employers).set(values).where(eq(employers.id, id)).returning();
  return row!;
}

export interface EmployerFilter {
  scope: SQL;
  status?: Employer["verificationStatus"];
  type?: Employer["type"];
  regionPrefix?: string;
  q?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function listEmployers(db: Executor, f: EmployerFilter): Promise<Employer[]> {
  const conds: (SQL | undefined)[] = [f.scope];
  if (f.status) conds.push(eq(employers.verificationStatus, f.status));
  if (f.type) conds.push(eq(employers.type, f.type));
  if (f.regionPrefix) conds.push(like(employers.regionCode, `${f.regionPrefix}%`));
  if (f.q) conds.push(like(employers.name, `%${escapeLike(f.q)}%`));
  if (f.after) {
    conds.push(afterKeyset(employers.createdAt, employers.id, f.after));
  }
  return db
    .select()
    .from(employers)
    .where(and(...conds))
    .orderBy(...keysetOrder(employers.createdAt, employers.id))
    .limit(f.limit);
}
