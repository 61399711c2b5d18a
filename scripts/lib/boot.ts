import { buildConfig, parseEnv, type Config, type Env } from "../../src/config";
import { createLogger, type Logger } from "../../src/lib/logger";
import { runMigrations } from "../../db/migrate";
import { loadReferenceData } from "../../db/seed/reference";
import { bringUpServices, resolveSecrets, type BringUp } from "../services";

export interface Booted {
  env: Env;
  config: Config;
  log: Logger;
  services: BringUp;
}

/**
 * What every entry point does first: parse the environment, bring up (or find) the services,
 * migrate, and load reference data (regions, labour brands). Idempotent.
 */
export async function boot(source: Record<string, string | undefined> = process.env, opts: { log?: Logger } = {}): Promise<Booted> {
  const env = parseEnv(source);
  const log = opts.log ?? createLogger(env.LOG_LEVEL);
  const services = await bringUpServices(env, (m) => log.info(`[services] ${m}`));
  try {
    const config = buildConfig(env, services.services, resolveSecrets(env));
    await runMigrations(config.services.databaseUrl);
    await loadReferenceData(config.services.databaseUrl, log);
    return { env, config, log, services };
  } catch (err) {
    await services.stop();
    throw err;
  }
}
