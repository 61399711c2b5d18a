import { boot } from "./lib/boot";

// boot() migrates and loads reference data; nothing else to do.
const booted = await boot();
booted.log.info(
  { database: booted.config.services.databaseUrl.replace(/\/\/[^@]*@/, "//") },
  "database migrated",
);
await booted.services.stop();
