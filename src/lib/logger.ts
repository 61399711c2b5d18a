import { pino, type Logger } from "pino";

export type { Logger };

/** Keys whose values never reach a log line, at any depth we use. */
const SECRET_KEYS = [
  "password", "passwordHash", "token", "accessToken", "access_token", "refreshToken", "secret",
  "idNumber", "idCard", "phone", "mobile", "code", "otp", "authorization", "cookie",
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  "req.headers.authorization",
  "req.headers.cookie",
];

// 18-digit resident ID numbers and mainland mobile numbers inside free text (error messages, SQL).
const ID_RE = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
const PHONE_RE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function scrubText(text: string): string {
  return text.replace(ID_RE, "$1********$2").replace(PHONE_RE, "$1****$2");
}

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "gangtong", ...base },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a) : a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: Error) => {
        const s = pino.stdSerializers.err(err);
        return { ...s, message: scrubText(s.message ?? ""), stack: s.stack ? scrubText(s.stack) : undefined };
      },
    },
  });
}
