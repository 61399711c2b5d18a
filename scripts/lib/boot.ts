import postgres from "postgres";
import { runMigrations } from "../../db/migrate";
import { loadReferenceData } from "../../db/seed/reference";
import { buildConfig, type Config, type Env, parseEnv } from "../../src/config";
import { createLogger, type Logger } from "../../src/lib/logger";
import { checkPiiKeys, PiiKeyMismatchError, piiKeyFingerprint } from "../../src/lib/pii-key-check";
import { type BringUp, bringUpServices, resolveSecrets } from "../services";
import { BringUpError } from "./bring-up-error";

export interface Booted {
  env: Env;
  config: Config;
  log: Logger;
  services: BringUp;
}

/**
 * What every entry point does first: parse the environment, bring up (or find) the services,
 * migrate, check that the PII keys are the ones the database was written with (src/lib/pii-key-check.ts),
 * and load reference data (regions, labour brands). Idempotent.
 */
export async function boot(
  source: Record<string, string | undefined> = process.env,
  opts: { log?: Logger } = {},
): Promise<Booted> {
  const env = parseEnv(source);
  const log = opts.log ?? createLogger(env.LOG_LEVEL);
  const services = await bringUpServices(env, (m) => log.info(`[services] ${m}`));
  try {
    const config = buildConfig(env, services.services, resolveSecrets(env));
    await runMigrations(config.services.databaseUrl);
    const sql = postgres(config.services.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await checkPiiKeys(
        sql,
        piiKeyFingerprint(config.secrets.piiEncKey, config.secrets.piiHmacKey),
        new URL(config.services.databaseUrl).pathname.slice(1),
      );
    } catch (err) {
      throw err instanceof PiiKeyMismatchError ? new BringUpError(err.message) : err;
    } finally {
      await sql.end({ timeout: 5 });
    }
    await loadReferenceData(config.services.databaseUrl, log);
    return { env, config, log, services };
  } catch (err) {
    await services.stop();
    throw err;
  }
}
