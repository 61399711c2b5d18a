/**
 * Aliyun SMS `SendSms` (Dysmsapi 2017-05-25), signed with Alibaba Cloud's V3 signature
 * (ACS3-HMAC-SHA256), the method Aliyun recommends over the older HMAC-SHA1 RPC signature:
 *
 *   CanonicalRequest = METHOD \n "/" \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
 *   StringToSign     = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest))
 *   Authorization    = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<…>,Signature=hex(hmac-sha256(secret, StringToSign))
 *
 * An RPC-style API takes its parameters in the query string (RFC 3986 encoding, sorted by
 * name) and an empty body. Reply: `{ Code: "OK", Message, BizId, RequestId }`; Code is
 * `isv.*` / `isp.*` / `Throttling.*` otherwise.
 */
import { createHash, createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import { type RateLimiter, unlimited } from "../../lib/rate-limit";
import { delivered, failed, fallback, type Notifier, type NotifyMessage } from "./notifier";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";
const API_VERSION = "2017-05-25";

const Reply = z.object({
  Code: z.string(),
  Message: z.string().optional(),
  BizId: z.string().optional(),
  RequestId: z.string().optional(),
});

/** Per-number frequency limits and platform trouble pass with time; everything else needs a person. */
const RETRYABLE_CODES = new Set([
  "isv.BUSINESS_LIMIT_CONTROL",
  "Throttling",
  "Throttling.User",
  "Throttling.Api",
  "isp.SYSTEM_ERROR",
  "ServiceUnavailable",
  "InternalError",
]);

/** RFC 3986: only A–Z a–z 0–9 - _ . ~ stay as they are; a space is %20, never +. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

export interface SignInput {
  method: string;
  host: string;
  action: string;
  version: string;
  query: Record<string, string>;
  body: string;
  date: string;
  nonce: string;
  accessKeyId: string;
  accessKeySecret: string;
}

/** The canonical query string and the headers (Authorization included) for one V3-signed request. */
export function signAcs3(input: SignInput): {
  queryString: string;
  headers: Record<string, string>;
} {
  const queryString = Object.keys(input.query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(input.query[k]!)}`)
    .join("&");
  const signed: Record<string, string> = {
    host: input.host,
    "x-acs-action": input.action,
    "x-acs-content-sha256": sha256Hex(input.body),
    "x-acs-date": input.date,
    "x-acs-signature-nonce": input.nonce,
    "x-acs-version": input.version,
  };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((n) => `${n}:${signed[n]!.trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    "/",
    queryString,
    canonicalHeaders,
    signedHeaders,
    signed["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", input.accessKeySecret)
    .update(stringToSign, "utf8")
    .digest("hex");
  const { host: _host, ...rest } = signed;
  return {
    queryString,
    headers: {
      ...rest,
      authorization: `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
  };
}

export interface AliyunSmsConfig {
  baseUrl: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  signName?: string;
  templateCode?: string;
  timeoutMs?: number;
  maxWaitMs?: number;
  /** Injected for tests; ISO 8601 UTC without milliseconds is what Aliyun expects. */
  now?: () => Date;
}

export function createAliyunSmsNotifier(
  cfg: AliyunSmsConfig,
  limiter: RateLimiter = unlimited,
): Notifier {
  const now = cfg.now ?? (() => new Date());
  return {
    provider: "sms",
    async send(message: NotifyMessage) {
      const templateCode = message.sms?.templateCode ?? cfg.templateCode;
      if (!cfg.accessKeyId || !cfg.accessKeySecret || !cfg.signName || !templateCode) {
        return fallback("sms", "NOT_CONFIGURED", "SMS is not configured");
      }
      if (!message.to.phone)
        return fallback("sms", "NO_PHONE", "the person has no phone number on record");
      const slot = await limiter.acquire(cfg.maxWaitMs);
      if (!slot.ok)
        return failed("sms", "RATE_LIMITED", "local send rate reached", true, slot.retryAfterMs);
      const url = new URL("/", cfg.baseUrl);
      const { queryString, headers } = signAcs3({
        method: "POST",
        host: url.host,
        action: "SendSms",
        version: API_VERSION,
        body: "",
        query: {
          PhoneNumbers: message.to.phone,
          SignName: cfg.signName,
          TemplateCode: templateCode,
          TemplateParam: JSON.stringify(message.sms?.params ?? {}),
          OutId: message.ref,
        },
        date: now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        nonce: randomUUID().replaceAll("-", ""),
        accessKeyId: cfg.accessKeyId,
        accessKeySecret: cfg.accessKeySecret,
      });
      let res: Response;
      try {
        res = await fetch(`${url.origin}/?${queryString}`, {
          method: "POST",
          headers,
          signal: AbortSignal.timeout(cfg.timeoutMs ?? 5000),
        });
      } catch (err) {
        return failed("sms", "NETWORK", `send failed: ${(err as Error).name}`, true);
      }
      const parsed = Reply.safeParse(await res.json().catch(() => null));
      if (!parsed.success)
        return failed("sms", `HTTP_${res.status}`, "unreadable SMS reply", res.status >= 500);
      const { Code, Message, BizId } = parsed.data;
      if (Code === "OK") return delivered("sms", BizId);
      return failed(
        "sms",
        Code,
        Message ?? "SMS refused",
        RETRYABLE_CODES.has(Code) || res.status >= 500,
      );
    },
  };
}
