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

export interface MeiliSearcher {
  search<T>(indexUid: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<SearchReply<T>>;
}

export class MeiliHttpError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
    this.name = "MeiliHttpError";
  }
}

function createSearcher(host: string, apiKey: string | undefined): MeiliSearcher {
  const base = new URL(host);
  const lib = base.protocol === "https:" ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: 64, scheduling: "lifo" });
  const auth = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  return {
    search<T>(indexUid: string, body: Record<string, unknown>, signal?: AbortSignal) {
      const payload = JSON.stringify(body);
      return new Promise<SearchReply<T>>((resolve, reject) => {
        const req = lib.request(
          {
            agent, hostname: base.hostname, port: base.port || (lib === https ? 443 : 80), method: "POST", signal,
            path: `${base.pathname.replace(/\/$/, "")}/indexes/${encodeURIComponent(indexUid)}/search`,
            headers: { ...auth, "content-type": "application/json", "content-length": Buffer.byteLength(payload), "accept-encoding": "identity" },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("error", reject);
            res.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              let json: Record<string, unknown>;
              try {
                json = JSON.parse(text) as Record<string, unknown>;
              } catch {
                reject(new MeiliHttpError(res.statusCode ?? 0, undefined, `meilisearch replied ${res.statusCode} with non-JSON`));
                return;
              }
              if ((res.statusCode ?? 500) >= 300) {
                reject(new MeiliHttpError(res.statusCode ?? 0, json.code as string | undefined, String(json.message ?? "search failed")));
              } else resolve(json as unknown as SearchReply<T>);
            });
          },
        );
        req.on("error", reject);
        req.end(payload);
      });
    },
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
