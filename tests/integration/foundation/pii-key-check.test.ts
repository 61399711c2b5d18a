import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { boot } from "../../../scripts/lib/boot";
import { BringUpError } from "../../../scripts/lib/bring-up-error";
import {
  checkPiiKeys,
  PiiKeyMismatchError,
  piiKeyFingerprint,
} from "../../../src/lib/pii-key-check";
import { createHarness, type Harness } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const key = () => randomBytes(32);

describe("the PII key check", () => {
  it("records the keys at the first boot, accepts them again, and refuses others with a message", async () => {
    const sql = postgres(h.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const [enc, mac] = [key(), key()];
      const mine = piiKeyFingerprint(enc, mac);
      expect(mine).toBe(piiKeyFingerprint(enc, mac));
      expect(mine).not.toContain(enc.toString("hex").slice(0, 16));
      expect(await checkPiiKeys(sql, mine, "x")).toBe("recorded");
      expect(await checkPiiKeys(sql, mine, "x")).toBe("matched");
      // Either key alone differing is refused.
      await expect(checkPiiKeys(sql, piiKeyFingerprint(key(), mac), "gt_db")).rejects.toThrow(
        PiiKeyMismatchError,
      );
      await expect(checkPiiKeys(sql, piiKeyFingerprint(enc, key()), "gt_db")).rejects.toThrow(
        /"gt_db" was written with other PII keys/,
      );
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("stops boot (every entry point: start, workers, import) before anything is written", async () => {
    const s = inject("services");
    const fresh = await createHarness();
    try {
      const env = {
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        DATABASE_URL: fresh.databaseUrl,
        REDIS_URL: s.redisUrl,
        MEILI_URL: s.meiliUrl,
        MEILI_MASTER_KEY: s.meiliKey,
        JWT_SECRET: s.secrets.jwtSecret,
      };
      const first = await boot({
        ...env,
        PII_ENC_KEY: s.secrets.piiEncKey,
        PII_HMAC_KEY: s.secrets.piiHmacKey,
      });
      await first.services.stop();
      const other = randomBytes(32).toString("base64");
      const refused = boot({ ...env, PII_ENC_KEY: s.secrets.piiEncKey, PII_HMAC_KEY: other });
      await expect(refused).rejects.toBeInstanceOf(BringUpError);
      await expect(refused).rejects.toThrow(/set DATABASE_NAME to another database/);
    } finally {
      await fresh.close();
    }
  });
});
