import { type Dispatcher, errors, Pool } from "undici";
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

/**
 * `deadline` (epoch ms): the request fails with MeiliTimeoutError when Meilisearch has not
 * answered by then. A plain number rather than an AbortSignal: a signal per request (its timer,
 * its listeners) cost ≈ 50 µs of CPU against ≈ 150 µs for the whole request.
 */
export interface MeiliSearcher {
  search<T>(
    indexUid: string,
    body: Record<string, unknown>,
    deadline?: number,
  ): Promise<SearchReply<T>>;
  /** Several queries in one round trip (`POST /multi-search`); each query names its `indexUid`. */
  multiSearch<T>(queries: Record<string, unknown>[], deadline?: number): Promise<T[]>;
}

export class MeiliTimeoutError extends Error {
  constructor() {
    super("meilisearch did not answer in time");
    this.name = "MeiliTimeoutError";
  }
}

export class MeiliHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "MeiliHttpError";
  }
}

interface Endpoint {
  pool: Pool;
  prefix: string;
  headers: Record<string, string>;
}

async function postJson<R>(
  e: Endpoint,
  path: string,
  body: unknown,
  deadline?: number,
): Promise<R> {
  const left = deadline === undefined ? undefined : deadline - Date.now();
  if (left !== undefined && left <= 0) throw new MeiliTimeoutError();
  let res: Dispatcher.ResponseData;
  let text: string;
  try {
    res = await e.pool.request({
      method: "POST",
      path: `${e.prefix}${path}`,
      headers: e.headers,
      body: JSON.stringify(body),
      ...(left !== undefined ? { headersTimeout: left, bodyTimeout: left } : {}),
    });
    text = await res.body.text();
  } catch (err) {
    if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
      throw new MeiliTimeoutError();
    throw err;
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new MeiliHttpError(
      res.statusCode,
      undefined,
      `meilisearch replied ${res.statusCode} with non-JSON`,
    );
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return json as R;
  throw new MeiliHttpError(
    res.statusCode,
    json.code as string | undefined,
    String(json.message ?? "search failed"),
  );
}

function createSearcher(host: string, apiKey: string | undefined): MeiliSearcher {
  const base = new URL(host);
  const e: Endpoint = {
    pool: new Pool(base.origin, { connections: 64, keepAliveTimeout: 30_000 }),
    prefix: base.pathname.replace(/\/$/, ""),
    headers: {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      "content-type": "application/json",
      "accept-encoding": "identity",
    },
  };
  return {
    search: <T>(indexUid: string, body: Record<string, unknown>, deadline?: number) =>
      postJson<SearchReply<T>>(
        e,
        `/indexes/${encodeURIComponent(indexUid)}/search`,
        body,
        deadline,
      ),
    multiSearch: async <T>(queries: Record<string, unknown>[], deadline?: number) =>
      (await postJson<{ results: T[] }>(e, "/multi-search", { queries }, deadline)).results,
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
