import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // Each file gets its own database, queue prefix and index prefix, so files run in parallel.
    fileParallelism: true,
    maxWorkers: 3,
    // Generous on purpose: the suite must pass on a loaded two-core machine (two suites at once);
    // a timeout is a budget, never an assertion (speed goals live in scripts/bench).
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 30_000,
    reporters: ["default"],
  },
});
