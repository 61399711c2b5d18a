import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { runMigrations } from "../../db/migrate";
import { loadReferenceData } from "../../db/seed/reference";
import { bringUpServices, resolveSecrets } from "../../scripts/services";
import { parseEnv } from "../../src/config";
import { createLogger } from "../../src/lib/logger";

export interface TestServices {
  adminDatabaseUrl: string;
  templateDatabase: string;
  redisUrl: string;
  meiliUrl: string;
  meiliKey: string;
  secrets: { piiEncKey: string; piiHmacKey: string; jwtSecret: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    services: TestServices;
  }
}

/**
 * Once per `npm test`: the same bring-up as `npm start` (env URL, else reachable, else started
 * under .data/), then one migrated template database with reference data. Every test file
 * clones its own database from it (tests/support/harness.ts); the demo database is never touched.
 */
export default async function setup(project: TestProject) {
  const env = parseEnv({ ...process.env, NODE_ENV: "test", DATABASE_NAME: "postgres" });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "warn");
  const up = await bringUpServices(env, (m) => log.warn(`[services] ${m}`));
  const secrets = resolveSecrets(env);
  const template = `gt_tpl_${randomBytes(4).toString("hex")}`;
  const adminUrl = up.services.databaseUrl;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  await runMigrations(templateUrl);
  await loadReferenceData(templateUrl, log);

  project.provide("services", {
    adminDatabaseUrl: adminUrl,
    templateDatabase: template,
    redisUrl: up.services.redisUrl,
    meiliUrl: up.services.meiliUrl,
    meiliKey: up.services.meiliKey,
    secrets: {
      piiEncKey: secrets.piiEncKey.toString("base64"),
      piiHmacKey: secrets.piiHmacKey.toString("base64"),
      jwtSecret: secrets.jwtSecret,
    },
  });

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    await up.stop();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
