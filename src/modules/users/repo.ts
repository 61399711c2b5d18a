import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { users } from "../../../db/schema/users";

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
