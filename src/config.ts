import { z } from "zod";
import { zhErrorMap } from "./lib/zod-zh";

// Plain-Chinese messages for every zod issue a person may read (API validation errors included).
z.config({ localeError: zhErrorMap });

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

/**
 * Every environment variable the service reads, parsed once. `config.ts` is the only module
 * that touches `process.env`; everything else receives a `Config`.
 * Service URLs are optional here: `scripts/services.ts` resolves what is missing.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().default(".data"),

  DATABASE_URL: z.url().optional(),
  /**
   * Optional read connection for monitoring (docs/MONITORING.md, "Read connection"): summary,
   * warning lists, exports, trends and the snapshot's reads go here (a replica); unset, the primary.
   */
  DATABASE_READ_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(16).optional(),
  PG_PORT: z.coerce.number().int().positive().default(5432),
  REDIS_PORT: z.coerce.number().int().positive().default(6379),
  /**
   * How long a Redis command that guards a request (sign-in, code and registration limits) may
   * take before the request is refused with 503 SERVICE_UNAVAILABLE (fail closed).
   */
  REDIS_GUARD_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1000),
  MEILI_PORT: z.coerce.number().int().positive().default(7700),
  /**
   * `--max-indexing-memory` of a Meilisearch we start ourselves. Its default (two thirds of the
   * RAM) made the first write after ≈ 15,000 searches take ≈ 2 s (docs/SEARCH.md, "Write stalls").
   */
  MEILI_MAX_INDEXING_MEMORY: z
    .string()
    .regex(/^\d+\s*(b|kb|kib|mb|mib|gb|gib)$/i, "例如 512MiB、2GiB")
    .default("512MiB"),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default("gangtong"),
  /** Which PostgreSQL binaries a local bring-up uses: installed ones, else the npm package (auto). */
  PG_BINARIES: z.enum(["auto", "system", "embedded"]).default("auto"),

  SEARCH_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/)
    .default(""),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default("gangtong"),

  PII_ENC_KEY: key32.optional(),
  PII_HMAC_KEY: key32.optional(),
  JWT_SECRET: z.string().min(32).optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  LABOURER_JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),

  /** scrypt work factor 2^N for new password hashes (OWASP: 17); tests use less. */
  PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  ADMIN_USERNAME: z.string().min(3).default("admin"),
  ADMIN_PASSWORD: z.string().min(10).optional(),

  /**
   * Monitoring (docs/MONITORING.md): a county, township or village with fewer registered
   * labourers than this (at the last refresh) is counted live per request, so it sees a change at
   * once; a larger one is read from the precomputed current figures while they are fresh.
   */
  STATS_LIVE_MAX_LABOURERS: z.coerce.number().int().min(0).default(10_000),

  OTP_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(300),
  /** Codes one address may ask for one phone per hour (docs/SECURITY.md). */
  OTP_MAX_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
  /** Codes one phone may receive per hour from every address together: above OTP_MAX_PER_HOUR, so one address cannot use it up. */
  OTP_MAX_PER_PHONE_PER_HOUR: z.coerce.number().int().min(1).max(300).default(15),
  OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  OTP_LOG_CODES: bool.optional(),

  /**
   * The WeChat official account (公众号, a 服务号) the H5 page signs in with (web OAuth, snsapi_base)
   * and pushes through (订阅通知 bizsend): one app id, so the openid bound at sign-in is the one
   * the pushes address (docs/WECHAT.md). PUBLIC_URL is the H5 address the pushes open and the only
   * origin the JS-SDK signature is given for.
   */
  WECHAT_API_BASE: z.url().default("https://api.weixin.qq.com"),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  /** Where the page sends the person to authorise (WeChat's own page; tests point it at a fake). */
  WECHAT_OAUTH_AUTHORIZE_URL: z
    .url()
    .default("https://open.weixin.qq.com/connect/oauth2/authorize"),

  // Pushes (src/modules/notifications): WeChat 订阅通知 of the account above, then Aliyun SMS as fallback.
  WECHAT_TEMPLATE_JOB_RECOMMENDATION: z.string().optional(),
  /** Application progress notices (src/modules/applications/notify.ts); unset: that channel is skipped for them. */
  WECHAT_TEMPLATE_APPLICATION_STATUS: z.string().optional(),
  SMS_TEMPLATE_APPLICATION_STATUS: z.string().optional(),
  /** Retention check-ins, follow-ups and help requests (src/modules/retention); unset: that channel is skipped for them. */
  WECHAT_TEMPLATE_CARE_NOTICE: z.string().optional(),
  SMS_TEMPLATE_CARE_NOTICE: z.string().optional(),
  SMS_PROVIDER: z.enum(["aliyun", "none"]).default("aliyun"),
  SMS_API_BASE: z.url().default("https://dysmsapi.aliyuncs.com"),
  SMS_ACCESS_KEY_ID: z.string().optional(),
  SMS_ACCESS_KEY_SECRET: z.string().optional(),
  SMS_SIGN_NAME: z.string().optional(),
  SMS_TEMPLATE_CODE: z.string().optional(),
  /** SMS template for sign-in codes (variable `code`), used in production. */
  SMS_OTP_TEMPLATE_CODE: z.string().optional(),
  NOTIFY_WECHAT_RATE_PER_SECOND: z.coerce.number().positive().default(200),
  NOTIFY_SMS_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  NOTIFY_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),

  /** Distinct postings whose full contact phone one job seeker may read per China day (GET /jobs/{id}/contact). */
  JOB_CONTACT_READS_PER_DAY: z.coerce.number().int().min(1).max(1000).default(30),

  /**
   * Ledger imports (docs/IMPORT.md, "Files on disk"): an upload is deleted when its import ends;
   * one left behind (a worker that died, a retry that never came) is swept after this many hours.
   */
  IMPORT_UPLOAD_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** How long an import's per-row result file (names, masked ID numbers) stays downloadable. */
  IMPORT_RESULT_RETENTION_HOURS: z.coerce.number().int().min(1).max(2160).default(72),
  /** Largest employment evidence file (photo or PDF) accepted, in bytes (docs/PLACEMENT.md, "Evidence"). */
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(5 * 1024 * 1024),

  WORKING_AGE_MIN: z.coerce.number().int().min(14).max(30).default(16),
  WORKING_AGE_MAX: z.coerce.number().int().min(50).max(80).default(65),

  // Matching and the push (docs/MATCHING.md)
  ROUND_INTERVAL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  MAX_ROUNDS: z.coerce.number().int().min(1).max(52).default(6),
  /**
   * A training-passed round is merged into the labourer's round stored within this many minutes
   * (two courses passed at about the same time make one push, not two; docs/MATCHING.md §8).
   */
  ROUND_TRIGGER_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  SPREAD_MULTIPLE: z.coerce.number().min(1).max(100).default(5),
  RECOMMEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Pushes sent at once per process: delivery waits on the provider, whose rate limit (above) is what protects it. */
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(32),
  /** Rounds run together by one recommend worker (workers/recommend.ts); its BullMQ concurrency is at least twice this. */
  RECOMMEND_BATCH_SIZE: z.coerce.number().int().min(1).max(128).default(32),
  /** How long the first round of a batch waits for others to join it. */
  RECOMMEND_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(20),
  /** Postings one ladder rung brings back from Meilisearch, the freshest first (its cost is per hit). */
  MATCH_CANDIDATES_PER_RUNG: z.coerce.number().int().min(20).max(1000).default(200),
  /** A rung is read in pages of this many, the next page only while the plan wants more (docs/MATCHING.md §8). */
  MATCH_CANDIDATES_PAGE: z.coerce.number().int().min(10).max(1000).default(50),
  /** Rung queries leave out postings this worker has already seen full under the spread rule (docs/MATCHING.md §8). */
  MATCH_SKIP_FULL_POSTINGS: bool.default(true),

  RUN_WORKERS: bool.default(true),
  SEED_DEMO: bool.default(true),
});

export type Env = z.infer<typeof EnvSchema>;

export interface ServiceUrls {
  databaseUrl: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
}

export interface Secrets {
  piiEncKey: Buffer;
  piiHmacKey: Buffer;
  jwtSecret: string;
}

export type Config = Env & { services: ServiceUrls; secrets: Secrets };

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join("\n  ")}`);
  }
}

/** Secrets and service URLs production must be given: nothing generated, nothing guessed. */
const PRODUCTION_REQUIRED = [
  "PII_ENC_KEY",
  "PII_HMAC_KEY",
  "JWT_SECRET",
  "DATABASE_URL",
  "REDIS_URL",
  "MEILI_URL",
  "MEILI_MASTER_KEY",
] as const;

/** Parses the environment; throws ConfigError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") picked[key] = value;
  }
  const parsed = EnvSchema.safeParse(picked);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
  // Checked on the raw values too, so one run names the bad and the missing variables together.
  if (picked.NODE_ENV === "production") {
    for (const k of PRODUCTION_REQUIRED) {
      if (picked[k] === undefined) issues.push(`${k}: required when NODE_ENV=production`);
    }
  }
  if (!parsed.success || issues.length) throw new ConfigError(issues);
  return parsed.data;
}

export function buildConfig(env: Env, services: ServiceUrls, secrets: Secrets): Config {
  return { ...env, services, secrets };
}

/** Whether one-time codes are written to the log (development only, never in production). */
export function otpCodesLogged(env: Env): boolean {
  return env.NODE_ENV !== "production" && (env.OTP_LOG_CODES ?? true);
}
