import { serve } from "@hono/node-server";
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp, type App } from "./app";
import type { Deps } from "./lib/ctx";

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections and resolves when in-flight requests have finished; after
   * `graceMs` the connections still open are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** `app` defaults to the whole API; tests pass one with an extra route. */
export function startServer(
  deps: Deps, port = deps.config.PORT, host = deps.config.HOST, app: Pick<App, "fetch"> = createApp(deps),
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const inflight = new Set<ServerResponse>();
    let closing = false;
    const onError = (err: Error) => reject(err);
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off("error", onError);
      const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${info.port}`;
      resolve({ url, port: info.port, close: (graceMs = 10_000) => closeGracefully(server as Server, inflight, graceMs, () => { closing = true; }) });
    }) as Server;
    server.on("request", (_req, res: ServerResponse) => {
      if (closing) res.setHeader("connection", "close");
      inflight.add(res);
      res.once("close", () => inflight.delete(res));
    });
    server.once("error", onError);
  });
}

/**
 * Node keeps a keep-alive connection open after its last response even while the server is
 * closing, so close() would wait for the client to hang up (seconds). Responses still to be
 * written are told `Connection: close`, idle sockets are closed at once and again as requests finish.
 */
function closeGracefully(server: Server, inflight: Set<ServerResponse>, graceMs: number, markClosing: () => void): Promise<void> {
  markClosing();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    for (const res of inflight) {
      if (!res.headersSent) res.setHeader("connection", "close");
      res.once("finish", () => setImmediate(() => server.closeIdleConnections()));
    }
    server.closeIdleConnections();
  });
}
