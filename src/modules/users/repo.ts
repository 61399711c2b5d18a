import { and, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { users } from "../../../db/schema/users";
import { keysetOrder } from "../../lib/keyset";

export type UserRow = typeof users.$inferSelect;

/** By the stored spelling: pass normalizeUsername(input) (src/lib/username.ts). */
export async function findByUsername(
  db: Executor,
  normalizedUsername: string,
): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.username, normalizedUsername)).limit(1);
  return u;
}

/** What every authenticated request checks against its token (src/lib/auth.ts). */
export async function findSessionState(
  db: Executor,
  id: string,
): Promise<{ tokenVersion: number; disabledAt: Date | null } | undefined> {
  const [u] = await db
    .select({ tokenVersion: users.tokenVersion, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return u;
}

/** Ends every session of the account (sign-out). Other changes bump it by trigger. */
export async function bumpTokenVersion(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1`, updatedAt: now })
    .where(eq(users.id, id));
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u;
}

export async function touchLastLogin(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
}

/** The labourer account signing in with this phone (`activeOnly`: not disabled). */
export async function findLabourerAccountByPhone(
  db: Executor,
  phoneHash: string,
  opts: { activeOnly?: boolean } = {},
): Promise<UserRow | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(
      and(
        eq(users.phoneHash, phoneHash),
        eq(users.role, "labourer"),
        opts.activeOnly ? isNull(users.disabledAt) : undefined,
      ),
    )
    .limit(1);
  return u;
}

export async function findByWechatOpenid(
  db: Executor,
  openid: string,
): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.wechatOpenid, openid)).limit(1);
  return u;
}

/** Moves the openid from any other account to this one (call inside a transaction). */
export async function bindWechatOpenid(
  db: Executor,
  userId: string,
  openid: string,
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ wechatOpenid: null, updatedAt: now })
    .where(and(eq(users.wechatOpenid, openid), ne(users.id, userId)));
  await db.update(users).set({ wechatOpenid: openid, updatedAt: now }).where(eq(users.id, userId));
}

/** Inserts an account; undefined when the username (or phone) is taken. */
export async function insertUser(
  db: Executor,
  values: typeof users.$inferInsert,
): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

/** Staff accounts (admin, bureau, cadre) in keyset order; `scope` narrows to a region. */
export async function listStaff(
  db: Executor,
  f: { scope?: SQL; after?: SQL; limit: number },
): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(sql`${users.role} in ('admin','bureau','cadre')`, f.scope, f.after))
    .orderBy(...keysetOrder(users.createdAt, users.id))
    .limit(f.limit);
}
