import { Redis, type RedisOptions } from "ioredis";

/** BullMQ needs `maxRetriesPerRequest: null` on connections used by workers and blocking calls. */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...opts });
}
