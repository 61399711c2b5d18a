import { and, desc, eq, ilike, isNotNull, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { households, labourers } from "../../../db/schema/labourers";
import { regions } from "../../../db/schema/regions";
import { users } from "../../../db/schema/users";

export type Labourer = typeof labourers.$inferSelect;
export type NewLabourer = typeof labourers.$inferInsert;
export type LabourerChanges = Partial<Omit<NewLabourer, "id" | "createdAt">>;

/** A labourer with what the views need from their sign-in account. */
export interface LabourerRow {
  l: Labourer;
  accountPhoneHash: string | null;
  accountWechatOpenid: string | null;
}

const rowSelection = {
  l: labourers,
  accountPhoneHash: users.phoneHash,
  accountWechatOpenid: users.wechatOpenid,
};

export async function findLabourer(db: Executor, id: string): Promise<LabourerRow | undefined> {
  const [row] = await db
    .select(rowSelection)
    .from(labourers)
    .leftJoin(users, eq(users.labourerId, labourers.id))
    .where(eq(labourers.id, id))
    .limit(1);
  return row;
}

export async function lockLabourer(db: Executor, id: string): Promise<Labourer | undefined> {
  const [row] = await db
    .select()
    .from(labourers)
    .where(eq(labourers.id, id))
    .for("update")
    .limit(1);
  return row;
}

export async function lockLabourerByIdHash(
  db: Executor,
  idNumberHash: string,
): Promise<Labourer | undefined> {
  const [row] = await db
    .select()
    .from(labourers)
    .where(eq(labourers.idNumberHash, idNumberHash))
    .for("update")
    .limit(1);
  return row;
}

/** Undefined when another row holds the ID number (the unique index); the caller reports the duplicate. */
export async function insertLabourer(
  db: Executor,
  values: NewLabourer,
): Promise<Labourer | undefined> {
  const [row] = await db
    .insert(labourers)
    .values(values)
    .onConflictDoNothing({ target: labourers.idNumberHash })
    .returning();
  return row;
}

export async function updateLabourer(
  db: Executor,
  id: string,
  changes: LabourerChanges,
): Promise<Labourer> {
  const [row] = await db.update(labourers).set(changes).where(eq(labourers.id, id)).returning();
  return row!;
}

export interface LabourerFilter {
  scope: SQL;
  regionPrefix?: string;
  personType?: Labourer["personType"];
  workIntention?: Labourer["workIntention"];
  employmentStatus?: Labourer["employmentStatus"];
  labourCapacity?: Labourer["labourCapacity"];
  keyAssistance?: boolean;
  householdId?: string;
  verified?: boolean;
  q?: string;
  /** Id of the last row of the previous page. */
  after?: string;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Newest first; keyset on (created_at, id) so pages stay stable while rows are added. */
export async function listLabourers(db: Executor, f: LabourerFilter): Promise<LabourerRow[]> {
  const conds: (SQL | undefined)[] = [f.scope];
  if (f.regionPrefix)
    conds.push(sql`${labourers.villageCode} like ${`${escapeLike(f.regionPrefix)}%`}`);
  if (f.personType) conds.push(eq(labourers.personType, f.personType));
  if (f.workIntention) conds.push(eq(labourers.workIntention, f.workIntention));
  if (f.employmentStatus) conds.push(eq(labourers.employmentStatus, f.employmentStatus));
  if (f.labourCapacity) conds.push(eq(labourers.labourCapacity, f.labourCapacity));
  if (f.keyAssistance !== undefined) conds.push(eq(labourers.keyAssistance, f.keyAssistance));
  if (f.householdId) conds.push(eq(labourers.householdId, f.householdId));
  if (f.verified !== undefined)
    conds.push(f.verified ? isNotNull(labourers.verifiedAt) : isNull(labourers.verifiedAt));
  if (f.q) conds.push(ilike(labourers.name, `%${escapeLike(f.q)}%`));
  if (f.after) {
    conds.push(
      sql`(${labourers.createdAt}, ${labourers.id}) < (select c.created_at, c.id from labourers c where c.id = ${f.after})`,
    );
  }
  return db
    .select(rowSelection)
    .from(labourers)
    .leftJoin(users, eq(users.labourerId, labourers.id))
    .where(and(...conds))
    .orderBy(desc(labourers.createdAt), desc(labourers.id))
    .limit(f.limit);
}

export async function regionExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db
    .select({ code: regions.code })
    .from(regions)
    .where(eq(regions.code, code))
    .limit(1);
  return !!row;
}

/**
 * `lock`: FOR KEY SHARE, taken when a person joins the household, so a concurrent edit of the
 * household (PATCH /households/{id} locks it FOR UPDATE) waits, or is waited for, and its
 * village and 重点帮扶 flag never miss the new member.
 */
export async function findHousehold(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(households).where(eq(households.id, id));
  const [row] = await (opts.lock ? q.for("key share") : q).limit(1);
  return row;
}

/** The head link is filled once, by the first member registered as 户主. */
export async function linkHouseholdHead(
  db: Executor,
  householdId: string,
  labourerId: string,
): Promise<void> {
  await db
    .update(households)
    .set({ headLabourerId: labourerId })
    .where(and(eq(households.id, householdId), isNull(households.headLabourerId)));
}

export async function findStaffUser(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      regionCode: users.regionCode,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

// ---- the labourer's sign-in account (users row with role labourer) ----

export async function findAccountOf(db: Executor, labourerId: string) {
  const [row] = await db.select().from(users).where(eq(users.labourerId, labourerId)).limit(1);
  return row;
}

/** A labourer account holding this phone for sign-in, other than `labourerId`'s. */
export async function findPhoneHolder(db: Executor, phoneHash: string, labourerId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.phoneHash, phoneHash),
        eq(users.role, "labourer"),
        or(isNull(users.labourerId), ne(users.labourerId, labourerId)),
      ),
    )
    .limit(1);
  return row;
}

/** Another labourer's record carrying this phone (a family's shared phone included). */
export async function otherLabourerWithPhone(
  db: Executor,
  phoneHash: string,
  labourerId: string,
): Promise<boolean> {
  const [other] = await db
    .select({ id: labourers.id })
    .from(labourers)
    .where(and(eq(labourers.phoneHash, phoneHash), ne(labourers.id, labourerId)))
    .limit(1);
  return !!other;
}

/** Serialises changes to one phone until the transaction ends. */
export async function lockPhone(tx: Executor, phoneHash: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`phone:${phoneHash}`}, 0))`);
}

export async function setAccount(
  db: Executor,
  userId: string,
  set: { labourerId?: string; phoneHash?: string | null; displayName: string },
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ ...set, updatedAt: now })
    .where(eq(users.id, userId));
}

/** A new sign-in account; a concurrent registration of the same phone wins the unique index. */
export async function insertAccount(
  db: Executor,
  a: { labourerId: string; displayName: string; phoneHash: string },
  now: Date,
): Promise<void> {
  await db
    .insert(users)
    .values({ role: "labourer", ...a, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
}

/** 核实: stamps who checked the registration and when. */
export async function markVerified(
  db: Executor,
  id: string,
  by: string,
  at: Date,
): Promise<Labourer> {
  const [row] = await db
    .update(labourers)
    .set({ verifiedAt: at, verifiedBy: by, updatedAt: at })
    .where(eq(labourers.id, id))
    .returning();
  return row!;
}
