import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import type { Deps } from "./lib/ctx";

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

export function startServer(deps: Deps, port = deps.config.PORT, host = deps.config.HOST): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    let server: ServerType;
    const onError = (err: Error) => reject(err);
    server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off("error", onError);
      const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: () =>
          new Promise<void>((res) => {
            server.close(() => res());
            // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
            if ("closeIdleConnections" in server) (server as { closeIdleConnections(): void }).closeIdleConnections();
          }),
      });
    });
    server.once("error", onError);
  });
}
