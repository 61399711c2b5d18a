/**
 * `npm run reindex:jobs`: rebuilds the Meilisearch jobs index from Postgres into a fresh index
 * and swaps it in (searches keep answering from the old one meanwhile). `-- --reconcile` only
 * compares the two and repairs drift, as the scheduled maintenance task does.
 */
import { closeDeps, createDeps } from "../src/deps";
import { rebuildJobsIndex, reconcileJobsIndex } from "../src/search/jobs-reindex";
import { boot } from "./lib/boot";

const booted = await boot();
const deps = createDeps(booted.config, booted.log);
try {
  if (process.argv.includes("--reconcile")) {
    booted.log.info(await reconcileJobsIndex(deps), "jobs index reconciled");
  } else {
    const started = performance.now();
    const result = await rebuildJobsIndex(deps, (m) => booted.log.info(m));
    booted.log.info(
      { ...result, seconds: Math.round((performance.now() - started) / 100) / 10 },
      "jobs index rebuilt and swapped in",
    );
  }
} finally {
  await closeDeps(deps);
  await booted.services.stop();
}
