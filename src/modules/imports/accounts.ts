import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { users } from "../../../db/schema/users";
import { inJsonList, recordset } from "./recordset";

type User = typeof users.$inferSelect;

/** A written labourer whose sign-in account must follow its phone and name. */
export interface AccountSubject {
  id: string;
  name: string;
  phoneHash: string | null;
}

const BATCH = 1_000;
const INSERT_BATCH = 5_000;
const newAccounts = recordset(users, [
  "role",
  "displayName",
  "labourerId",
  "phoneHash",
  "createdAt",
  "updatedAt",
] as const);

interface AccountPlan {
  /** Existing accounts to rewrite (phone, name, or a link to the labourer). */
  updates: User[];
  inserts: (typeof users.$inferInsert)[];
}

/**
 * labourers/account.ts syncLabourerAccount, for a whole chunk at once and with the same
 * outcome: a phone signs in one person only (the first account holding it); an account that
 * holds the phone without a labourer is linked; a labourer whose phone is taken keeps the
 * number on the record but has no phone sign-in. Decided in memory against one read.
 */
function planAccounts(subjects: AccountSubject[], existing: User[], now: Date): AccountPlan {
  const byLabourer = new Map(existing.filter((u) => u.labourerId).map((u) => [u.labourerId!, u]));
  const byPhone = new Map(existing.filter((u) => u.phoneHash).map((u) => [u.phoneHash!, u]));
  const updates = new Set<User>();
  const inserts: (typeof users.$inferInsert)[] = [];
  for (const l of subjects) {
    const account = byLabourer.get(l.id);
    let phoneHash = l.phoneHash;
    if (phoneHash) {
      const holder = byPhone.get(phoneHash);
      const other = holder && holder.labourerId !== l.id ? holder : undefined;
      if (other && other.labourerId === null && !account) {
        Object.assign(other, { labourerId: l.id, displayName: l.name, updatedAt: now });
        byLabourer.set(l.id, other);
        updates.add(other);
        continue;
      }
      if (other) phoneHash = null;
    }
    if (account) {
      if (account.phoneHash === phoneHash && account.displayName === l.name) continue;
      if (account.phoneHash && byPhone.get(account.phoneHash) === account)
        byPhone.delete(account.phoneHash);
      Object.assign(account, { phoneHash, displayName: l.name, updatedAt: now });
      if (phoneHash) byPhone.set(phoneHash, account);
      updates.add(account);
      continue;
    }
    if (!phoneHash) continue;
    const fresh = {
      role: "labourer" as const,
      displayName: l.name,
      labourerId: l.id,
      phoneHash,
      createdAt: now,
      updatedAt: now,
    };
    byPhone.set(phoneHash, fresh as User);
    byLabourer.set(l.id, fresh as User);
    inserts.push(fresh);
  }
  return { updates: [...updates], inserts };
}

async function writeUpdates(db: Executor, accounts: User[]): Promise<void> {
  for (let i = 0; i < accounts.length; i += BATCH) {
    const batch = accounts.slice(i, i + BATCH);
    const ids = batch.map((u) => u.id);
    // Phones first released, then set: two accounts swapping numbers never collide on the unique index.
    await db.update(users).set({ phoneHash: null }).where(inArray(users.id, ids));
    const rows = sql.join(
      batch.map(
        (u) => sql`(${u.id}::uuid, ${u.phoneHash}, ${u.displayName}, ${u.labourerId}::uuid)`,
      ),
      sql`, `,
    );
    await db.execute(sql`
      update users u set phone_hash = v.phone_hash, display_name = v.display_name, labourer_id = v.labourer_id, updated_at = now()
      from (values ${rows}) as v(id, phone_hash, display_name, labourer_id) where u.id = v.id`);
  }
}

/** Brings the sign-in accounts of the chunk's written labourers in line with their records. */
export async function syncAccounts(
  db: Executor,
  subjects: AccountSubject[],
  now: Date,
): Promise<void> {
  if (subjects.length === 0) return;
  const phones = [...new Set(subjects.map((s) => s.phoneHash).filter((p): p is string => !!p))];
  const ids = subjects.map((s) => s.id);
  // A union of two index lookups: as one `a or b` filter Postgres scanned every user, per chunk.
  const byLabourer = sql`select ${users.id} from ${users} where ${inJsonList(users.labourerId, ids)}`;
  const match =
    phones.length === 0
      ? byLabourer
      : sql`${byLabourer} union select ${users.id} from ${users} where ${eq(users.role, "labourer")} and ${inJsonList(users.phoneHash, phones)}`;
  const existing = await db
    .select()
    .from(users)
    .where(sql`${users.id} in (${match})`)
    .for("update");
  const plan = planAccounts(subjects, existing, now);
  await writeUpdates(db, plan.updates);
  for (let i = 0; i < plan.inserts.length; i += INSERT_BATCH) {
    // A concurrent sign-up with the same phone wins the unique index; this one then has no sign-in.
    await db.execute(sql`insert into users (${newAccounts.columns}) select ${newAccounts.columns}
      from ${newAccounts.from(plan.inserts.slice(i, i + INSERT_BATCH))} on conflict do nothing`);
  }
}
