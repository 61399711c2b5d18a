/**
 * A lean HTTP client for benchmarks: node:http over a keep-alive agent, so each client reuses
 * one socket and the load generator spends as little as possible per request.
 */
import http from "node:http";

export interface HttpRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with content-type set, unless a string or Buffer. */
  body?: unknown;
  /** Any other status rejects, which the runner counts as an error. Default 200. */
  expectStatus?: number | readonly number[];
}

export interface HttpReply {
  status: number;
  body: Buffer;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpReply>;
  /** A `request` function for runLoad that GETs one path and checks the status. */
  getter(path: string, expectStatus?: number): (i: number) => Promise<void>;
  close(): void;
}

export function createHttpClient(
  baseUrl: string,
  opts: { maxSockets?: number; timeoutMs?: number } = {},
): HttpClient {
  const base = new URL(baseUrl);
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: opts.maxSockets ?? 256,
    scheduling: "lifo",
  });
  const timeoutMs = opts.timeoutMs ?? 30_000;

  const request = (req: HttpRequest): Promise<HttpReply> =>
    new Promise((resolve, reject) => {
      let payload: string | Buffer | undefined;
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) {
        payload =
          typeof req.body === "string" || Buffer.isBuffer(req.body)
            ? req.body
            : JSON.stringify(req.body);
        if (!(typeof req.body === "string" || Buffer.isBuffer(req.body)))
          headers["content-type"] ??= "application/json";
        headers["content-length"] = String(Buffer.byteLength(payload));
      }
      const r = http.request(
        {
          agent,
          hostname: base.hostname,
          port: base.port,
          method: req.method ?? "GET",
          path: req.path,
          headers,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            const expected = req.expectStatus ?? 200;
            const ok =
              typeof expected === "number" ? status === expected : expected.includes(status);
            if (ok) resolve({ status, body });
            else
              reject(
                new Error(
                  `${req.method ?? "GET"} ${req.path}: status ${status}: ${body.toString("utf8").slice(0, 120)}`,
                ),
              );
          });
        },
      );
      r.on("timeout", () => r.destroy(new Error(`${req.path}: no reply in ${timeoutMs} ms`)));
      r.on("error", reject);
      r.end(payload);
    });

  return {
    request,
    getter:
      (path, expectStatus = 200) =>
      async () => {
        await request({ path, expectStatus });
      },
    close: () => agent.destroy(),
  };
}
