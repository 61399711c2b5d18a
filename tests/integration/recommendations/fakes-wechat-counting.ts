/**
 * A fake WeChat subscribe-notification (bizsend) server on loopback for load and crash tests: it issues access
 * tokens, answers every valid send after `delayMs` (so a process killed under load dies with sends
 * in flight), and counts what it accepted per `touser` — the person's phone, in effect. Only
 * counts are kept, so a hundred thousand sends cost a Map, not a log.
 *
 * A send is counted when the request arrives with a valid token, before the delayed reply: a
 * message WeChat has received reaches the person even if our process dies before reading the answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CountingWechat {
  baseUrl: string;
  tokenFetches: number;
  /** Accepted sends (valid token), all recipients. */
  sends: number;
  /** Accepted sends per openid. */
  perRecipient: Map<string, number>;
  /** Sends the server has received but not answered yet. */
  inFlight: number;
  /** Recipients that got more than one message. */
  duplicates(): { touser: string; count: number }[];
  close(): Promise<void>;
}

export interface CountingWechatOptions {
  appId: string;
  appSecret: string;
  /** Time before each send is answered; tokens are answered at once. */
  delayMs?: number;
}

const reply = (res: ServerResponse, status: number, body: unknown) => {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

export async function countingWechat(opts: CountingWechatOptions): Promise<CountingWechat> {
  const valid = new Set<string>();
  const state = {
    tokenFetches: 0,
    sends: 0,
    inFlight: 0,
    perRecipient: new Map<string, number>(),
  };

  const handle = (req: IncomingMessage, body: string, res: ServerResponse) => {
    const url = new URL(req.url!, "http://x");
    if (req.method === "GET" && url.pathname === "/cgi-bin/token") {
      if (url.searchParams.get("appid") !== opts.appId)
        return reply(res, 200, { errcode: 40013, errmsg: "invalid appid" });
      if (url.searchParams.get("secret") !== opts.appSecret)
        return reply(res, 200, { errcode: 40125, errmsg: "invalid appsecret" });
      const token = `tok-${++state.tokenFetches}`;
      valid.add(token);
      return reply(res, 200, { access_token: token, expires_in: 7200 });
    }
    if (req.method === "POST" && url.pathname === "/cgi-bin/message/subscribe/bizsend") {
      if (!valid.has(url.searchParams.get("access_token") ?? ""))
        return reply(res, 200, { errcode: 40001, errmsg: "invalid credential" });
      let touser: unknown;
      try {
        touser = (JSON.parse(body) as { touser?: unknown }).touser;
      } catch {
        return reply(res, 200, { errcode: 47001, errmsg: "data format error" });
      }
      if (typeof touser !== "string" || !touser)
        return reply(res, 200, { errcode: 40003, errmsg: "invalid openid" });
      state.sends++;
      state.perRecipient.set(touser, (state.perRecipient.get(touser) ?? 0) + 1);
      const msgid = state.sends;
      state.inFlight++;
      setTimeout(() => {
        state.inFlight--;
        reply(res, 200, { errcode: 0, errmsg: "ok", msgid });
      }, opts.delayMs ?? 0);
      return;
    }
    reply(res, 404, { errcode: 404 });
  };

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => handle(req, body, res));
  });
  // A killed client leaves half-open sockets behind; they must not crash the test process.
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}`,
    duplicates: () =>
      [...state.perRecipient]
        .filter(([, n]) => n > 1)
        .map(([touser, count]) => ({ touser, count })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
