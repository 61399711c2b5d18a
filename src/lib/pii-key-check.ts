import { createHmac } from "node:crypto";
import type { Sql } from "postgres";

/**
 * A fingerprint of the two PII keys: a keyed hash of a fixed text under each, truncated. It tells
 * whether two checkouts use the same keys and reveals nothing usable about them.
 */
export function piiKeyFingerprint(encKey: Buffer, hmacKey: Buffer): string {
  const mac = (key: Buffer, label: string) =>
    createHmac("sha256", key).update(`gangtong:pii-key-check:${label}`).digest("hex").slice(0, 16);
  return `v1:${mac(encKey, "enc")}:${mac(hmacKey, "hmac")}`;
}

export class PiiKeyMismatchError extends Error {}

/**
 * Records the fingerprint on the first boot against a database; on every later boot, refuses keys
 * other than the ones the database was written with — records encrypted under one key cannot be
 * read with another, nor found by a keyed hash made with another, so carrying on would duplicate
 * people and lose the link to their records.
 */
export async function checkPiiKeys(
  sql: Sql,
  fingerprint: string,
  databaseName: string,
): Promise<"recorded" | "matched"> {
  const inserted =
    await sql`insert into pii_key_check (id, fingerprint) values (1, ${fingerprint}) on conflict (id) do nothing returning id`;
  if (inserted.length > 0) return "recorded";
  const [row] = await sql<
    { fingerprint: string }[]
  >`select fingerprint from pii_key_check where id = 1`;
  if (row?.fingerprint === fingerprint) return "matched";
  throw new PiiKeyMismatchError(
    `The database "${databaseName}" was written with other PII keys than this checkout's (PII_ENC_KEY / PII_HMAC_KEY, ` +
      `from the environment or DATA_DIR/secrets.json): its ID and phone numbers could not be read or matched. ` +
      `Use the keys it was written with (copy that checkout's .data/secrets.json, or set the two variables), ` +
      `or set DATABASE_NAME to another database (it is created and migrated at start).`,
  );
}
