import { haversineKm, type LatLng } from "../../lib/geo";

/**
 * A distance in words, at the precision really known (docs/PAGES.md, "Distance"). A township or
 * village carries its county's point, so two such places "0 km apart" are only "in one county":
 *
 * - both ends real points (the phone's location and a posting the employer pinned): 约 2.4 公里
 *   (one decimal under 10 km, whole kilometres beyond);
 * - else by region: 同村, 同乡镇, 本县;
 * - else between counties: 约 N 公里 from the real end or the county's point (whole kilometres);
 * - nothing known about the person: null.
 */
export interface Origin {
  /** A real point (the phone's location), or null. */
  point: LatLng | null;
  /** The most precise region the person is known to be in (home village, or the county around the phone). */
  regionCode: string | null;
}

export interface Place {
  regionCode: string;
  lat: number | null;
  lng: number | null;
  /** lat/lng are the employer's pin; otherwise they are the region's (county's) point. */
  pinned?: boolean;
}

export function exactKmText(km: number): string {
  return km < 10
    ? `约 ${Math.max(0.1, Math.round(km * 10) / 10).toFixed(1)} 公里`
    : `约 ${Math.round(km)} 公里`;
}

/** Between counties, from a county's point: whole kilometres, never under 1. */
export const roughKmText = (km: number) => `约 ${Math.max(1, Math.round(km))} 公里`;

/** 同村 / 同乡镇 / 本县 when the two codes share that region, else null. */
export function sharedRegionText(a: string, b: string): string | null {
  if (a.length >= 12 && b.length >= 12 && a.slice(0, 12) === b.slice(0, 12)) return "同村";
  if (a.length >= 9 && b.length >= 9 && a.slice(0, 9) === b.slice(0, 9)) return "同乡镇";
  if (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6)) return "本县";
  return null;
}

export function distanceText(
  origin: Origin,
  place: Place,
  pointOf: (code: string) => LatLng | null,
): string | null {
  const pin: LatLng | null =
    place.pinned && place.lat !== null && place.lng !== null
      ? { lat: place.lat, lng: place.lng }
      : null;
  if (origin.point && pin) return exactKmText(haversineKm(origin.point, pin));
  if (origin.regionCode) {
    const shared = sharedRegionText(origin.regionCode, place.regionCode);
    if (shared) return shared;
  }
  const from = origin.point ?? (origin.regionCode ? pointOf(origin.regionCode) : null);
  const to = pin ?? pointOf(place.regionCode);
  return from && to ? roughKmText(haversineKm(from, to)) : null;
}
