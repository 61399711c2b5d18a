import type { Executor } from "../../../db/client";
import { findAccountOf, findPhoneHolder, insertAccount, type Labourer, setAccount } from "./repo";

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
      await setAccount(db, holder.id, { labourerId: l.id, displayName: l.name }, now);
      return;
    }
    if (holder) phoneHash = null;
  }
  if (account) {
    if (account.phoneHash !== phoneHash || account.displayName !== l.name) {
      await setAccount(db, account.id, { phoneHash, displayName: l.name }, now);
    }
    return;
  }
  if (!phoneHash) return;
  // A concurrent registration of the same phone wins the unique index; this one then has no sign-in.
  await insertAccount(db, { labourerId: l.id, displayName: l.name, phoneHash }, now);
}
