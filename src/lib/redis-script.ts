import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * A Lua script run by its SHA1 (`EVALSHA`), loaded by `EVAL` only when Redis does not know it
 * (NOSCRIPT: first use, or after a restart or `SCRIPT FLUSH`). `EVAL` sent the whole script text
 * with every call: on the notify path (one rate-limit script a push) writing that text was 5 % of
 * the worker process's CPU in the push benchmark (docs/BENCHMARKS.md, "Seventh session").
 */
export interface RedisScript {
  run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown>;
}

export function redisScript(lua: string): RedisScript {
  const sha = createHash("sha1").update(lua).digest("hex");
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!String((err as Error).message).startsWith("NOSCRIPT")) throw err;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
