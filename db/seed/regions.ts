import type { Db } from "../client";

/** Placeholder until the regions loader lands (see docs/REGIONS.md). */
export async function loadRegions(_db: Db): Promise<{ inserted: number }> {
  return { inserted: 0 };
}
