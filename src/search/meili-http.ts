import { Pool } from "undici";
import type { Search } from "./client";

/**
 * The search hot path's own Meilisearch client: an undici connection pool. Measured on the
 * 500k-posting benchmark index, the official client (Node's fetch) added ≈ 1 ms per query to a
 * 2 ms search; node:http over a keep-alive agent spent 290 µs of CPU a 21-hit query at 8 in
 * flight, undici's pool 195 µs (docs/SEARCH.md). Everything else (index settings, writes,
 * tasks) keeps using the official client. Replies are asked uncompressed for the reason given
 * in src/search/client.ts.
 */
export interface SearchReply<T> {
  hits: T[];
  estimatedTotalHits?: number;
}

export interface SearchCount {
  totalHits: number;
}

export interface MeiliSearcher {
  search<T>(indexUid: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<SearchReply<T>>;
  /** Several queries in one round trip (`POST /multi-search`); each query names its `indexUid`. */
  multiSearch<T>(queries: Record<string, unknown>[], signal?: AbortSignal): Promise<T[]>;
}

export class MeiliHttpError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
    this.name = "MeiliHttpError";
  }
}

interface Endpoint {
  pool: Pool;
  prefix: string;
  headers: Record<string, string>;
}

async function postJson<R>(e: Endpoint, path: string, body: unknown, signal?: AbortSignal): Promise<R> {
  const res = await e.pool.request({ method: "POST", path: `${e.prefix}${path}`, headers: e.headers, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  const text = await res.body.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new MeiliHttpError(res.statusCode, undefined, `meilisearch replied ${res.statusCode} with non-JSON`);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return json as R;
  throw new MeiliHttpError(res.statusCode, json.code as string | undefined, String(json.message ?? "search failed"));
}

function createSearcher(host: string, apiKey: string | undefined): MeiliSearcher {
  const base = new URL(host);
  const e: Endpoint = {
    pool: new Pool(base.origin, { connections: 64, keepAliveTimeout: 30_000 }),
    prefix: base.pathname.replace(/\/$/, ""),
    headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), "content-type": "application/json", "accept-encoding": "identity" },
  };
  return {
    search: <T>(indexUid: string, body: Record<string, unknown>, signal?: AbortSignal) =>
      postJson<SearchReply<T>>(e, `/indexes/${encodeURIComponent(indexUid)}/search`, body, signal),
    multiSearch: async <T>(queries: Record<string, unknown>[], signal?: AbortSignal) =>
      (await postJson<{ results: T[] }>(e, "/multi-search", { queries }, signal)).results,
  };
}

const searchers = new WeakMap<Search, MeiliSearcher>();

/** One keep-alive searcher per Search (per process in the app; per harness in tests). */
export function meiliSearcher(search: Search): MeiliSearcher {
  let s = searchers.get(search);
  if (!s) {
    s = createSearcher(search.client.config.host, search.client.config.apiKey);
    searchers.set(search, s);
  }
  return s;
}
