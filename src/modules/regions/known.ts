import type { Executor } from "../../../db/client";
import { findRegion, type Region } from "./repo";

/**
 * Regions found, held per process and database handle (as `regionPoints` holds the points):
 * GB/T 2260 reference data, loaded at start-up and not changed while the process runs, so a read
 * path that names a region (a monitoring summary or warning-list page) does not spend a query on
 * it. Only found codes are kept (an unknown one is asked again), at most FOUND_MAX (Guangxi and
 * Guangdong hold ≈ 20,000).
 */
const found = new WeakMap<object, Map<string, Region>>();
const FOUND_MAX = 50_000;

export async function knownRegion(db: Executor, code: string): Promise<Region | undefined> {
  let byCode = found.get(db);
  if (!byCode) {
    byCode = new Map();
    found.set(db, byCode);
  }
  const hit = byCode.get(code);
  if (hit) return hit;
  const region = await findRegion(db, code);
  if (region && byCode.size < FOUND_MAX) byCode.set(code, region);
  return region;
}
