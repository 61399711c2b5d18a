import { AppError } from "../../lib/errors";

/**
 * An employer's pin on a posting (lat/lng the employer chose, e.g. the phone's location on the
 * posting form). A pinned posting's distances are measured; an unpinned one carries its region's
 * point (for a township or village, its county's) and distances to it are told at the precision
 * the region gives (src/modules/jobs/distance-text.ts, docs/PAGES.md "Distance").
 */

/** Province extents with a small margin (广西 20°54′–26°24′N, 104°28′–112°04′E; 广东 20°13′–25°31′N, 109°39′–117°19′E). */
const PROVINCE_BOUNDS: Record<
  string,
  { name: string; minLat: number; maxLat: number; minLng: number; maxLng: number }
> = {
  "45": { name: "广西", minLat: 20.8, maxLat: 26.5, minLng: 104.4, maxLng: 112.2 },
  "44": { name: "广东", minLat: 20.1, maxLat: 25.6, minLng: 109.6, maxLng: 117.4 },
};

/** The pinned place must lie in the province of the posting's region (a Guangxi job pinned in Hunan is a mistake). */
export function assertPinInProvince(regionCode: string, lat: number, lng: number): void {
  const b = PROVINCE_BOUNDS[regionCode.slice(0, 2)];
  if (!b) return;
  if (lat < b.minLat || lat > b.maxLat)
    throw new AppError(
      "VALIDATION_FAILED",
      `标注的位置不在${b.name}境内，请在工作地点附近重新定位或不标注`,
      { field: "lat" },
    );
  if (lng < b.minLng || lng > b.maxLng)
    throw new AppError(
      "VALIDATION_FAILED",
      `标注的位置不在${b.name}境内，请在工作地点附近重新定位或不标注`,
      { field: "lng" },
    );
}

/** Whether an edit leaves the posting pinned: new lat/lng pin it; a new region without them unpins it. */
export function pinnedAfterEdit(
  was: boolean,
  input: { lat?: number; lng?: number; regionCode?: string },
): boolean {
  if (input.lat !== undefined || input.lng !== undefined) return true;
  if (input.regionCode !== undefined) return false;
  return was;
}
