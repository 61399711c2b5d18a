import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

export type { Logger };

/** Keys whose values never reach a log line, at any depth (compared case-insensitively). */
const SECRET_KEY_NAMES = [
  "password",
  "passwordHash",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "secret",
  "idNumber",
  "idCard",
  "phone",
  "mobile",
  "code",
  "otp",
  "authorization",
  "cookie",
  // stored forms and what the masked ID hides
  "birthDate",
  "idNumberEnc",
  "idNumberHash",
  "phoneEnc",
  "phoneHash",
  "params",
  "parameters",
];
const SECRET_KEYS = new Set(SECRET_KEY_NAMES.map((k) => k.toLowerCase()));
const BINDING_PATHS = SECRET_KEY_NAMES.filter((k) => k !== "code").flatMap((k) => [k, `*.${k}`]);

const CENSOR = "[redacted]";
const MAX_DEPTH = 8;

// 18-digit resident ID numbers and mainland mobile numbers inside free text (error messages, SQL).
const ID_RE = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
// Also as people write them: +86 / 0086 / 86 in front, spaces or dashes between the groups.
const PHONE_RE = /(?<!\d)((?:(?:\+|00)?86[-\s]?)?1[3-9]\d)([-\s]?)\d{4}([-\s]?\d{4})(?!\d)/g;

// Our stored forms of personal data (src/lib/crypto.ts): `v1.` + base64 ciphertext, and keyed
// hashes (HMAC-SHA256, 43 base64url characters). Neither belongs in a log.
const CIPHERTEXT_RE = /\bv1\.[A-Za-z0-9+/]{16,}={0,2}/g;
const HASH_RE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

export function scrubText(text: string): string {
  return text
    .replace(CIPHERTEXT_RE, "v1.[redacted]")
    .replace(HASH_RE, (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? "[hash]" : m))
    .replace(ID_RE, "$1********$2")
    .replace(PHONE_RE, "$1$2****$3");
}

/**
 * Database errors carry the statement's values: Drizzle puts them in the message (`params: …`)
 * and on `params`, postgres.js on `parameters`, and Postgres itself in `detail` ("Failing row
 * contains (…)", "Key (col)=(value)"). Values never reach a log; the statement and column names do.
 */
const VALUE_KEYS = new Set(["params", "parameters", "args", "values"]);
const PARAMS_IN_MESSAGE_RE = /\nparams: [\s\S]*?(?=\n\s{4}at |$)/g;

function scrubDetail(detail: string): string {
  return detail
    .replace(/^Failing row contains \([\s\S]*\)\.?$/, "Failing row contains ([redacted])")
    .replace(/\)=\([\s\S]*?\)( |\.|$)/g, ")=([redacted])$1");
}

/**
 * A copy of a log object with secret keys censored and ID/phone numbers masked in every string,
 * at any depth. Errors keep their `code` (ECONNREFUSED, 23505 are what an operator needs).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value instanceof Error) return serializeError(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[depth]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.has(k.toLowerCase()) && v != null ? CENSOR : redact(v, depth + 1);
  }
  return out;
}

function serializeError(err: unknown): unknown {
  // Called by the formatter and again by pino's `err` serializer: the second call sees a plain object.
  if (!(err instanceof Error)) return err;
  const s = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Driver errors carry `detail`, `query`, `parameters`: every string in them is scrubbed too.
  for (const [k, v] of Object.entries(s)) {
    if (VALUE_KEYS.has(k)) continue;
    if (k === "code") out[k] = v;
    else if ((k === "message" || k === "stack") && typeof v === "string")
      out[k] = scrubText(v.replace(PARAMS_IN_MESSAGE_RE, "\nparams: [redacted]"));
    else if (k === "detail" && typeof v === "string") out[k] = scrubText(scrubDetail(v));
    else out[k] = redact(v, 1);
  }
  return out;
}

/** `destination` defaults to stdout; tests pass a stream to read what would be written. */
export function createLogger(
  level: string,
  base: Record<string, unknown> = {},
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: "gangtong", ...base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      log: (obj) => redact(obj) as Record<string, unknown>,
      bindings: (bindings) => redact(bindings) as Record<string, unknown>,
    },
    // pino skips formatters.bindings for child loggers; these paths cover `log.child({ phone })`
    // (not `code`: as a path it would also censor `err.code`).
    redact: { paths: BINDING_PATHS, censor: CENSOR },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a) : a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
