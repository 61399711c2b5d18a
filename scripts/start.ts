/**
 * `npm start`: the embedded default. Brings up (or finds) Postgres, Redis and Meilisearch,
 * migrates, loads reference and demo data, runs the API and the workers in one process, and
 * prints where to go. Ctrl-C stops everything it started.
 */

import { DEMO_PASSWORD, DEMO_STAFF, seedDemo } from "../db/seed/demo";
import { ConfigError } from "../src/config";
import { closeDeps, createDeps } from "../src/deps";
import { ensureAdmin } from "../src/modules/auth/service";
import { startServer } from "../src/server";
import { startWorkers } from "../workers/index";
import { boot } from "./lib/boot";
import { BringUpError } from "./services";

async function main() {
  const booted = await boot();
  const { config, log } = booted;
  const deps = createDeps(config, log);
  const admin = await ensureAdmin(deps);
  if (config.SEED_DEMO) log.info(await seedDemo(deps), "demo data ready");
  const workers = config.RUN_WORKERS ? await startWorkers(deps) : undefined;
  const server = await startServer(deps);

  const base = config.PUBLIC_URL ?? server.url;
  const lines = [
    "",
    "岗通 gangtong is running",
    `  API document (OpenAPI): ${base}/openapi.json`,
    `  API reference page:     ${base}/docs`,
    `  Health:                 ${base}/healthz`,
    `  Job seeker H5 page:     ${base}/h5/`,
    `  Employer portal:        ${base}/portal/employer/`,
    `  Bureau portal:          ${base}/portal/bureau/`,
    `  Services: postgres ${booted.services.sources.postgres}, redis ${booted.services.sources.redis}, meilisearch ${booted.services.sources.meilisearch}`,
    admin.password
      ? `  Admin account: ${admin.username} / ${admin.password}   (generated now and shown only once: set ADMIN_PASSWORD to choose it)`
      : `  Admin account: ${admin.username} (password unchanged)`,
    ...(config.SEED_DEMO
      ? [
          `  Demo staff accounts (password ${DEMO_PASSWORD}): ${DEMO_STAFF.map((s) => s.username).join(", ")}`,
        ]
      : []),
    "  Ctrl-C stops everything.",
    "",
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  // Each step is attempted whatever the one before did: a failing worker close must not leave
  // Postgres, Redis and Meilisearch running. Past 30 s the services are still stopped, then we exit.
  const step = (name: string, fn: () => Promise<unknown>) =>
    fn().then(
      () => true,
      (err) => {
        log.error({ err, step: name }, "shutdown step failed");
        return false;
      },
    );
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: no new requests, finishing in-flight work");
    const force = setTimeout(() => {
      log.error("shutdown took longer than 30 s; stopping services and exiting");
      void step("services", () => booted.services.stop()).finally(() => process.exit(1));
    }, 30_000);
    const ok = [
      await step("http", () => server.close()),
      await step("workers", async () => workers?.stop()),
      await step("connections", () => closeDeps(deps)),
      await step("services", () => booted.services.stop()),
    ].every(Boolean);
    clearTimeout(force);
    log.info("stopped");
    process.exit(ok ? 0 : 1);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof BringUpError)
    process.stderr.write(`\n${err.message}\n\n`);
  else process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
