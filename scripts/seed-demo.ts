import { seedDemo } from "../db/seed/demo";
import { closeDeps, createDeps } from "../src/deps";
import { boot } from "./lib/boot";

const booted = await boot();
const deps = createDeps(booted.config, booted.log);
try {
  const result = await seedDemo(deps);
  booted.log.info(result, "demo data loaded");
} finally {
  await closeDeps(deps);
  await booted.services.stop();
}
