import { Meilisearch } from "meilisearch";

export interface Search {
  client: Meilisearch;
  /** Index uid with the configured prefix (tests give each file its own prefix). */
  indexName(base: string): string;
}

export function createSearch(url: string, key: string, prefix = ""): Search {
  const client = new Meilisearch({
    host: url,
    apiKey: key,
    timeout: 10_000,
    // Node's fetch asks for compressed replies; Meilisearch then writes headers and body
    // separately and Nagle + delayed ACK stall every reply by ~40 ms. Identity removes the stall.
    requestInit: { headers: { "Accept-Encoding": "identity" } },
  });
  return { client, indexName: (base) => `${prefix}${base}` };
}
