/**
 * Lint rule Biome has no switch for: no source file in `src/` is longer than 300 lines after
 * formatting. A file that grows past it is split by use case (see docs/DEVELOPING.md).
 * Usage: `npm run lint` (runs after `biome check`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const LIMIT = 300;
const root = new URL("..", import.meta.url).pathname;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js)$/.test(name)) yield path;
  }
}

const long: string[] = [];
for (const path of files(join(root, "src"))) {
  const lines = readFileSync(path, "utf8").split("\n").length - 1;
  if (lines > LIMIT) long.push(`${relative(root, path)}: ${lines} lines (limit ${LIMIT})`);
}
if (long.length > 0) {
  console.error(`Files over ${LIMIT} lines — split them by use case:\n  ${long.join("\n  ")}`);
  process.exit(1);
}
console.log(`check-size: every file in src/ is at most ${LIMIT} lines`);
