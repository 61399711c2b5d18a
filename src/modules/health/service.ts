import { sql } from "drizzle-orm";
import type { Deps } from "../../lib/ctx";

export interface DependencyHealth {
  status: "ok" | "down";
  latencyMs: number;
  error?: string;
}

async function probe(fn: () => Promise<unknown>, timeoutMs: number): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return {
      status: "down",
      latencyMs: Math.round(performance.now() - started),
      error: String((err as Error).message ?? err).slice(0, 200),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Each dependency checked in parallel, each bounded so one hung service cannot hang the probe. */
export async function checkHealth(deps: Pick<Deps, "db" | "redis" | "search">, timeoutMs = 2000) {
  const [postgres, redis, meilisearch] = await Promise.all([
    probe(() => deps.db.execute(sql`select 1`), timeoutMs),
    probe(() => deps.redis.ping(), timeoutMs),
    probe(() => deps.search.client.health(), timeoutMs),
  ]);
  const checks = { postgres, redis, meilisearch };
  const ok = Object.values(checks).every((c) => c.status === "ok");
  return { status: ok ? ("ok" as const) : ("degraded" as const), checks };
}
