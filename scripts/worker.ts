/**
 * Workers only (outbox relay + every BullMQ worker), for running more worker processes beside
 * `npm start`, or API and workers apart. Uses the same bring-up and configuration.
 * Exit 4 when the services or the configuration cannot be used (one line says what to set),
 * as `npm run import` does.
 */
import { ConfigError } from "../src/config";
import { closeDeps, createDeps } from "../src/deps";
import { startWorkers } from "../workers/index";
import { boot } from "./lib/boot";
import { BringUpError } from "./lib/bring-up-error";

const booted = await boot().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof BringUpError) {
    process.stderr.write(
      `无法启动后台任务（服务或配置不可用）/ cannot start workers: ${err.message}\n`,
    );
    process.exit(4);
  }
  throw err;
});
const deps = createDeps(booted.config, booted.log);
const running = await startWorkers(deps);
process.stdout.write(`${JSON.stringify({ workersReady: true, pid: process.pid })}\n`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await running.stop();
  await closeDeps(deps);
  await booted.services.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
