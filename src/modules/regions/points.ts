import type { Executor } from "../../../db/client";
import { haversineKm, type LatLng } from "../../lib/geo";
import { ancestry } from "./codes";
import { listSourcedPoints } from "./repo";

/**
 * The region points that are real (docs/REGIONS.md: counties, cities, provinces; townships and
 * villages only inherit their county's), held per process: ≈ 270 rows, read once.
 */
export interface RegionPoints {
  /** The point of the code's nearest ancestor (itself included) that has its own point. */
  pointOf(code: string): LatLng | null;
  /** The county whose seat is nearest to a point (within 80 km), as an approximation of the county it lies in. */
  nearestCounty(p: LatLng): string | null;
}

const NEAREST_COUNTY_MAX_KM = 80;
const loaded = new WeakMap<object, Promise<RegionPoints>>();

export function regionPoints(db: Executor): Promise<RegionPoints> {
  let p = loaded.get(db);
  if (!p) {
    p = listSourcedPoints(db).then(build);
    p.catch(() => loaded.delete(db));
    loaded.set(db, p);
  }
  return p;
}

export function build(rows: { code: string; lat: number | null; lng: number | null }[]) {
  const points = new Map<string, LatLng>();
  for (const r of rows)
    if (r.lat !== null && r.lng !== null) points.set(r.code, { lat: r.lat, lng: r.lng });
  const counties = [...points].filter(([code]) => code.length === 6);
  return {
    pointOf(code: string) {
      const chain = ancestry(code);
      for (let i = chain.length - 1; i >= 0; i--) {
        const hit = points.get(chain[i]!);
        if (hit) return hit;
      }
      return null;
    },
    nearestCounty(p: LatLng) {
      let best: string | null = null;
      let bestKm = NEAREST_COUNTY_MAX_KM;
      for (const [code, q] of counties) {
        const d = haversineKm(p, q);
        if (d < bestKm) {
          bestKm = d;
          best = code;
        }
      }
      return best;
    },
  } satisfies RegionPoints;
}
