import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, otpCodesLogged, parseEnv } from "../../src/config";

const key = () => randomBytes(32).toString("base64");

function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("parseEnv accepted the environment");
}

describe("parseEnv", () => {
  it("gives working defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      PG_PORT: 5432,
      QUEUE_PREFIX: "gangtong",
      RUN_WORKERS: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.JOB_CONTACT_READS_PER_DAY).toBe(30);
  });

  it("coerces numbers and booleans and treats empty strings as unset", () => {
    const env = parseEnv({
      PORT: "0",
      OTP_MAX_PER_HOUR: "7",
      RUN_WORKERS: "no",
      SEED_DEMO: "1",
      DATABASE_URL: "",
    });
    expect(env).toMatchObject({
      PORT: 0,
      OTP_MAX_PER_HOUR: 7,
      RUN_WORKERS: false,
      SEED_DEMO: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("ignores variables it does not own", () => {
    expect(() => parseEnv({ PATH: "/usr/bin", HOME: "/root" })).not.toThrow();
  });

  it("names every bad variable at once, not just the first", () => {
    const err = configError({
      PORT: "70000",
      DATABASE_URL: "not a url",
      PII_ENC_KEY: "c2hvcnQ=",
      LOG_LEVEL: "loud",
      RUN_WORKERS: "maybe",
    });
    const named = err.issues.map((i) => i.split(":")[0]);
    expect(named.sort()).toEqual([
      "DATABASE_URL",
      "LOG_LEVEL",
      "PII_ENC_KEY",
      "PORT",
      "RUN_WORKERS",
    ]);
    for (const name of named) expect(err.message).toContain(name);
    expect(err.issues.find((i) => i.startsWith("PII_ENC_KEY"))).toMatch(/32 bytes/);
  });

  it("refuses a short JWT secret and a weak Meilisearch key", () => {
    const err = configError({ JWT_SECRET: "short", MEILI_MASTER_KEY: "abc" });
    expect(err.issues.map((i) => i.split(":")[0]).sort()).toEqual([
      "JWT_SECRET",
      "MEILI_MASTER_KEY",
    ]);
  });

  it("demands every secret and service URL in production, naming each", () => {
    const err = configError({ NODE_ENV: "production" });
    expect(err.issues.map((i) => i.split(":")[0]).sort()).toEqual([
      "DATABASE_URL",
      "JWT_SECRET",
      "MEILI_MASTER_KEY",
      "MEILI_URL",
      "PII_ENC_KEY",
      "PII_HMAC_KEY",
      "REDIS_URL",
    ]);
    expect(err.message).toMatch(/production/);
  });

  it("names malformed and missing production variables in the same error", () => {
    const err = configError({ NODE_ENV: "production", PORT: "-1", JWT_SECRET: "short" });
    const named = err.issues.map((i) => i.split(":")[0]);
    expect(named).toEqual(
      expect.arrayContaining(["PORT", "JWT_SECRET", "PII_ENC_KEY", "DATABASE_URL"]),
    );
  });

  it("demands the Meilisearch key with its URL in production", () => {
    const err = configError({
      NODE_ENV: "production",
      PII_ENC_KEY: key(),
      PII_HMAC_KEY: key(),
      JWT_SECRET: "x".repeat(48),
      DATABASE_URL: "postgres://db/gangtong",
      REDIS_URL: "redis://cache:6379",
      MEILI_URL: "http://search:7700",
    });
    expect(err.issues.map((i) => i.split(":")[0])).toEqual(["MEILI_MASTER_KEY"]);
  });

  it("accepts a complete production environment", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PII_ENC_KEY: key(),
      PII_HMAC_KEY: key(),
      JWT_SECRET: "x".repeat(48),
      DATABASE_URL: "postgres://db/gangtong",
      REDIS_URL: "redis://cache:6379",
      MEILI_URL: "http://search:7700",
      MEILI_MASTER_KEY: "m".repeat(24),
    });
    expect(env.NODE_ENV).toBe("production");
  });
});

describe("otpCodesLogged", () => {
  it("logs codes in development by default, never in production", () => {
    expect(otpCodesLogged(parseEnv({}))).toBe(true);
    expect(otpCodesLogged(parseEnv({ OTP_LOG_CODES: "false" }))).toBe(false);
    const prod = parseEnv({
      NODE_ENV: "production",
      PII_ENC_KEY: key(),
      PII_HMAC_KEY: key(),
      JWT_SECRET: "x".repeat(48),
      DATABASE_URL: "postgres://db/gangtong",
      REDIS_URL: "redis://cache:6379",
      MEILI_URL: "http://search:7700",
      MEILI_MASTER_KEY: "m".repeat(24),
      OTP_LOG_CODES: "true",
    });
    expect(otpCodesLogged(prod)).toBe(false);
  });
});
