import type { Logger } from "../../src/lib/logger";
import { closeDb, createDb } from "../client";
import { loadLabourBrands } from "./labour-brands";
import { loadRegions } from "./regions";
import { loadSubsidyProgrammes } from "./subsidy-programmes";

/** Reference data every environment needs (not demo data): idempotent, safe at every start. */
export async function loadReferenceData(databaseUrl: string, log: Logger): Promise<void> {
  const db = createDb(databaseUrl, { max: 2, applicationName: "gangtong-reference" });
  try {
    const regions = await loadRegions(db);
    if (!regions.upToDate) log.info(regions, "regions loaded");
    await loadLabourBrands(db);
    await loadSubsidyProgrammes(db);
  } finally {
    await closeDb(db);
  }
}
