import { Redis } from "ioredis";

/** The URL with its password replaced, for messages: `redis://:***@host:6379`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * Connects once and PINGs, failing within `timeoutMs`: the app's own clients retry forever
 * (BullMQ needs that), so a wrong REDIS_URL would otherwise hang start-up without a word.
 */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {}); // reported through the rejected connect/ping below
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}
