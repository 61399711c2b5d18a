import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { serve } from "@hono/node-server";
import { type App, createApp } from "./app";
import type { Deps } from "./lib/ctx";
import { AppError } from "./lib/errors";

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
  deps: Deps,
  port = deps.config.PORT,
  host = deps.config.HOST,
  app: Pick<App, "fetch"> = createApp(deps),
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const inflight = new Set<ServerResponse>();
    let closing = false;
    const onError = (err: Error) => reject(err);
    const server = serve(
      {
        fetch: app.fetch,
        port,
        hostname: host,
        serverOptions: { maxHeaderSize: MAX_HEADER_BYTES },
      },
      (info: AddressInfo) => {
        server.off("error", onError);
        const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${info.port}`;
        resolve({
          url,
          port: info.port,
          close: (graceMs = 10_000) =>
            closeGracefully(server as Server, inflight, graceMs, () => {
              closing = true;
            }),
        });
      },
    ) as Server;
    server.on("request", (_req, res: ServerResponse) => {
      if (closing) res.setHeader("connection", "close");
      inflight.add(res);
      res.once("close", () => inflight.delete(res));
    });
    server.once("error", onError);
    server.on("clientError", answerClientError);
  });
}

/**
 * A request head larger than this never reaches the app: Node refuses it. The app itself answers
 * 414 for URLs over MAX_URL_LENGTH (src/lib/input-guard.ts), well below this.
 */
const MAX_HEADER_BYTES = 64 * 1024;

/** Node's own refusals (an oversized head, a broken request line) in our error shape, not a bare status line. */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) return socket.destroy();
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const error = tooLarge
    ? new AppError("HEADERS_TOO_LARGE", "请求地址或请求头过长")
    : new AppError("VALIDATION_FAILED", "请求格式不正确");
  const body = JSON.stringify(error.toBody());
  socket.end(
    `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\n` +
      `content-type: application/json; charset=UTF-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Node keeps a keep-alive connection open after its last response even while the server is
 * closing, so close() would wait for the client to hang up (seconds). Responses still to be
 * written are told `Connection: close`, idle sockets are closed at once and again as requests finish.
 */
function closeGracefully(
  server: Server,
  inflight: Set<ServerResponse>,
  graceMs: number,
  markClosing: () => void,
): Promise<void> {
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
