/**
 * Lua scripts run by SHA1 (src/lib/redis-script.ts): the first call finds Redis without the script
 * (NOSCRIPT, as after a restart) and loads it; later calls send only its SHA. No SCRIPT FLUSH
 * here: other test files share this Redis and their BullMQ scripts.
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisScript } from "../../../src/lib/redis-script";
import { createHarness, type Harness } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("redisScript", () => {
  it("loads a script Redis does not know, then runs it by SHA", async () => {
    // A comment unique to this run: Redis has never seen this script text.
    const lua = `-- ${randomUUID()}\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])`;
    const incrBy = redisScript(lua);
    const sha = createHash("sha1").update(lua).digest("hex");
    expect(await h.deps.redis.script("EXISTS", sha)).toEqual([0]);
    const key = `${h.deps.config.QUEUE_PREFIX}:test:redis-script:${randomUUID()}`;
    expect(await incrBy.run(h.deps.redis, [key], [2])).toBe(2);
    expect(await h.deps.redis.script("EXISTS", sha)).toEqual([1]);
    expect(await incrBy.run(h.deps.redis, [key], [3])).toBe(5);
    await h.deps.redis.del(key);
  });

  it("passes the script's own errors on", async () => {
    const bad = redisScript(`return redis.call('NOSUCHCOMMAND')`);
    await expect(bad.run(h.deps.redis, [], [])).rejects.toThrow(/Unknown Redis command|ERR/i);
  });
});
