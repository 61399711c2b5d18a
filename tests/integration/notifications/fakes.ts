/**
 * Fake WeChat and Aliyun SMS servers on loopback (port 0). They check what a real server would
 * check — credentials, token validity, the V3 signature (recomputed here independently of
 * src/modules/notifications/aliyun-sms.ts) — and record every request.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeServer {
  baseUrl: string;
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<FakeServer> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

export type WechatScript = { status?: number; body: unknown } | "ok";

export interface FakeWechat extends FakeServer {
  tokenFetches: number;
  ticketFetches: number;
  sends: { token: string; body: any }[];
  /** Replies for the next sends, in order; afterwards every valid send succeeds. */
  script: WechatScript[];
  /** Every token issued so far stops working (WeChat answers 42001). */
  expireTokens(): void;
  /** A WeChat user: their openid under an app (this one unless said); a bizsend to an openid of another app answers 40003. */
  addUser(openid: string, app?: string): void;
  /** The openid the person "inside WeChat" has: the next OAuth authorisation gives a code for it. */
  signedInAs: string | null;
  /** The jsapi_ticket the fake hands out (getticket). */
  ticket: string;
}

/**
 * The parts of api.weixin.qq.com (and open.weixin.qq.com's authorise page) the app talks to, for
 * one official account: access tokens, web OAuth (authorise → code → openid, single-use codes),
 * the JS-SDK jsapi_ticket and 订阅通知 bizsend. Each openid belongs to one app: WeChat refuses to
 * send to an openid of another app (40003), as it would a mini program's openid.
 */
export async function fakeWechat(appId: string, secret: string): Promise<FakeWechat> {
  const valid = new Set<string>();
  const expired = new Set<string>();
  const openidApp = new Map<string, string>();
  const codes = new Map<string, string>();
  let codeSeq = 0;
  const state = {
    tokenFetches: 0,
    ticketFetches: 0,
    sends: [] as FakeWechat["sends"],
    script: [] as WechatScript[],
    signedInAs: null as string | null,
    ticket: "fake-jsapi-ticket-1",
  };
  const server = await listen((req, body, res) => {
    const url = new URL(req.url!, "http://x");
    const q = url.searchParams;
    if (req.method === "GET" && url.pathname === "/cgi-bin/token") {
      if (q.get("grant_type") !== "client_credential" || q.get("appid") !== appId)
        return reply(res, 200, { errcode: 40013, errmsg: "invalid appid" });
      if (q.get("secret") !== secret)
        return reply(res, 200, { errcode: 40125, errmsg: "invalid appsecret" });
      const token = `tok-${++state.tokenFetches}`;
      valid.add(token);
      return reply(res, 200, { access_token: token, expires_in: 7200 });
    }
    if (req.method === "GET" && url.pathname === "/connect/oauth2/authorize") {
      // WeChat's own page: the person is already in WeChat, snsapi_base asks nothing.
      const redirect = q.get("redirect_uri");
      if (q.get("appid") !== appId || !redirect || q.get("response_type") !== "code")
        return reply(res, 200, { errcode: 10003, errmsg: "redirect_uri or appid invalid" });
      if (q.get("scope") !== "snsapi_base" || !state.signedInAs)
        return reply(res, 200, { errcode: 10005, errmsg: "scope or user invalid" });
      const code = `code-${++codeSeq}`;
      codes.set(code, state.signedInAs);
      const back = new URL(redirect);
      back.searchParams.set("code", code);
      back.searchParams.set("state", q.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === "GET" && url.pathname === "/sns/oauth2/access_token") {
      if (q.get("appid") !== appId || q.get("secret") !== secret)
        return reply(res, 200, { errcode: 40125, errmsg: "invalid appsecret" });
      const openid = codes.get(q.get("code") ?? "");
      if (q.get("grant_type") !== "authorization_code" || !openid)
        return reply(res, 200, { errcode: 40029, errmsg: "invalid code" });
      codes.delete(q.get("code")!); // single use
      return reply(res, 200, {
        openid,
        access_token: "web-at",
        expires_in: 7200,
        scope: "snsapi_base",
      });
    }
    if (req.method === "GET" && url.pathname === "/cgi-bin/ticket/getticket") {
      const token = q.get("access_token") ?? "";
      if (!valid.has(token))
        return reply(res, 200, { errcode: 40001, errmsg: "invalid credential" });
      if (q.get("type") !== "jsapi")
        return reply(res, 200, { errcode: 40097, errmsg: "invalid args" });
      state.ticketFetches++;
      return reply(res, 200, { errcode: 0, errmsg: "ok", ticket: state.ticket, expires_in: 7200 });
    }
    if (req.method === "POST" && url.pathname === "/cgi-bin/message/subscribe/bizsend") {
      const token = q.get("access_token") ?? "";
      const sent = JSON.parse(body);
      state.sends.push({ token, body: sent });
      if (expired.has(token))
        return reply(res, 200, { errcode: 42001, errmsg: "access_token expired" });
      if (!valid.has(token))
        return reply(res, 200, { errcode: 40001, errmsg: "invalid credential" });
      if (openidApp.get(sent.touser) !== appId)
        return reply(res, 200, { errcode: 40003, errmsg: "invalid openid" });
      const next = state.script.shift() ?? "ok";
      if (next === "ok")
        return reply(res, 200, { errcode: 0, errmsg: "ok", msgid: 1000 + state.sends.length });
      return reply(res, next.status ?? 200, next.body);
    }
    reply(res, 404, { errcode: 404 });
  });
  return Object.assign(state, server, {
    expireTokens() {
      for (const t of valid) expired.add(t);
      valid.clear();
    },
    addUser(openid: string, app = appId) {
      openidApp.set(openid, app);
    },
  });
}

export interface SmsRequest {
  query: Record<string, string>;
  headers: Record<string, string>;
  signatureOk: boolean;
}

export interface FakeSms extends FakeServer {
  requests: SmsRequest[];
  script: ({ status?: number; body: unknown } | "ok")[];
}

/** RFC 3986 encoding, written separately from the adapter's on purpose. */
function rfc3986(s: string): string {
  return Array.from(new TextEncoder().encode(s))
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

function verifyAcs3(req: IncomingMessage, body: string, keyId: string, secret: string): boolean {
  const auth = String(req.headers.authorization ?? "");
  const m =
    /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m || m[1] !== keyId) return false;
  const signedHeaders = m[2]!.split(";");
  for (const required of [
    "host",
    "x-acs-action",
    "x-acs-content-sha256",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-version",
  ]) {
    if (!signedHeaders.includes(required)) return false;
  }
  const url = new URL(req.url!, "http://x");
  const pairs = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const cq = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
  const ch = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? "").trim()}\n`).join("");
  const payloadHash = createHash("sha256").update(body).digest("hex");
  if (req.headers["x-acs-content-sha256"] !== payloadHash) return false;
  const canonical = `${req.method}\n${url.pathname}\n${cq}\n${ch}\n${signedHeaders.join(";")}\n${payloadHash}`;
  const toSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secret).update(toSign).digest("hex") === m[3];
}

export async function fakeAliyunSms(keyId: string, secret: string): Promise<FakeSms> {
  const state = { requests: [] as SmsRequest[], script: [] as FakeSms["script"] };
  const server = await listen((req, body, res) => {
    const url = new URL(req.url!, "http://x");
    const signatureOk = verifyAcs3(req, body, keyId, secret);
    state.requests.push({
      query: Object.fromEntries(url.searchParams),
      headers: req.headers as Record<string, string>,
      signatureOk,
    });
    if (!signatureOk)
      return reply(res, 400, {
        Code: "SignatureDoesNotMatch",
        Message: "Specified signature is not matched with our calculation.",
      });
    const next = state.script.shift() ?? "ok";
    if (next === "ok")
      return reply(res, 200, {
        Code: "OK",
        Message: "OK",
        BizId: `biz-${state.requests.length}`,
        RequestId: "req-1",
      });
    reply(res, next.status ?? 200, next.body);
  });
  return Object.assign(state, server);
}

/** The settings (env or config fields) that point the Aliyun SMS adapter at this fake, with the key pair it was made with. */
export const aliyunSmsEnv = (sms: FakeServer, keyId = "ak-id", secret = "ak-secret") => ({
  SMS_PROVIDER: "aliyun" as const,
  SMS_API_BASE: sms.baseUrl,
  SMS_ACCESS_KEY_ID: keyId,
  SMS_ACCESS_KEY_SECRET: secret,
  SMS_SIGN_NAME: "岗通",
  SMS_TEMPLATE_CODE: "SMS_1",
});
