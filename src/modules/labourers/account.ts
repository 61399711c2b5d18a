import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { users } from "../../../db/schema/users";
import { findAccountOf, findPhoneHolder, type Labourer } from "./repo";

/**
 * Keeps the labourer's sign-in account (a `users` row, role `labourer`) in step with the record,
 * so that one-time-code sign-in finds the person by phone.
 *
 * A phone signs in one person only (users_phone_role_uq). Families often register one shared
 * phone for several members; the record keeps it, but only the first account to hold it signs
 * in with it, and the others show `phoneSignIn: false` until they register a phone of their own.
 * An account that holds the phone without a labourer (made before the record) is linked.
 */
export async function syncLabourerAccount(db: Executor, l: Labourer, now: Date): Promise<void> {
  const account = await findAccountOf(db, l.id);
  let phoneHash = l.phoneHash;
  if (phoneHash) {
    const holder = await findPhoneHolder(db, phoneHash, l.id);
    if (holder && holder.labourerId === null && !account) {
      await db
        .update(users)
        .set({ labourerId: l.id, displayName: l.name, updatedAt: now })
        .where(eq(users.id, holder.id));
      return;
    }
    if (holder) phoneHash = null;
  }
  if (account) {
    if (account.phoneHash !== phoneHash || account.displayName !== l.name) {
      await db
        .update(users)
        .set({ phoneHash, displayName: l.name, updatedAt: now })
        .where(eq(users.id, account.id));
    }
    return;
  }
  if (!phoneHash) return;
  // A concurrent registration of the same phone wins the unique index; this one then has no sign-in.
  await db
    .insert(users)
    .values({
      role: "labourer",
      displayName: l.name,
      labourerId: l.id,
      phoneHash,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}
