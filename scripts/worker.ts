/**
 * Workers only (outbox relay + every BullMQ worker), for running more worker processes beside
 * `npm start`, or API and workers apart. Uses the same bring-up and configuration.
 */
import { closeDeps, createDeps } from "../src/deps";
import { startWorkers } from "../workers/index";
import { boot } from "./lib/boot";

const booted = await boot();
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
