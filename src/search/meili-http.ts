import http from "node:http";
import https from "node:https";
import type { Search } from "./client";

/**
 * The search hot path's own Meilisearch client: node:http over a keep-alive agent. Measured on
 * the 500k-posting benchmark index, the official client (Node's fetch) added ≈ 1 ms per query
 * to a 2 ms search; everything else (index settings, writes, tasks) keeps using the official
 * client. Replies are asked uncompressed for the reason given in src/search/client.ts.
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
  lib: typeof http | typeof https;
  agent: http.Agent;
  base: URL;
  auth: Record<string, string>;
}

function postJson<R>(e: Endpoint, path: string, body: unknown, signal?: AbortSignal): Promise<R> {
  const payload = JSON.stringify(body);
  return new Promise<R>((resolve, reject) => {
    const req = e.lib.request(
      {
        agent: e.agent, hostname: e.base.hostname, port: e.base.port || (e.lib === https ? 443 : 80), method: "POST", signal,
        path: `${e.base.pathname.replace(/\/$/, "")}${path}`,
        headers: { ...e.auth, "content-type": "application/json", "content-length": Buffer.byteLength(payload), "accept-encoding": "identity" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          let json: Record<string, unknown>;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
          } catch {
            reject(new MeiliHttpError(status, undefined, `meilisearch replied ${status} with non-JSON`));
            return;
          }
          if (status >= 200 && status < 300) resolve(json as R);
          else reject(new MeiliHttpError(status, json.code as string | undefined, String(json.message ?? "search failed")));
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function createSearcher(host: string, apiKey: string | undefined): MeiliSearcher {
  const base = new URL(host);
  const lib = base.protocol === "https:" ? https : http;
  const e: Endpoint = {
    lib, base, agent: new lib.Agent({ keepAlive: true, maxSockets: 64, scheduling: "lifo" }),
    auth: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
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
