/**
 * Degrees. Region points come from AMap data (GCJ-02, a few hundred metres off WGS-84): fine for
 * distances between places, not for drawing on a WGS-84 map (docs/REGIONS.md).
 */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** Mean Earth radius (IUGG), the usual choice for haversine distances. */
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest lat/lng box containing every point within `radiusKm` of `center`, for numeric range
 * filters (SQL or Meilisearch) followed by an exact haversine check. The longitude span uses the
 * latitude nearest a pole, so the box never cuts the circle; near the poles it covers all longitudes.
 */
export function boundingBox(center: LatLng, radiusKm: number): BoundingBox {
  if (!(radiusKm >= 0)) throw new RangeError("radiusKm must be a non-negative number");
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  if (widest >= 90 || dLat >= 90) return { minLat, maxLat, minLng: -180, maxLng: 180 };
  const dLng = Math.min(180, dLat / Math.cos(rad(widest)));
  return { minLat, maxLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

export function insideBox(p: LatLng, box: BoundingBox): boolean {
  return p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
}

/** GeoJSON positions are [lng, lat]. */
export type Position = readonly number[];
export type PolygonCoords = readonly (readonly Position[])[];
export type GeoJsonArea =
  | { type: "Polygon"; coordinates: PolygonCoords }
  | { type: "MultiPolygon"; coordinates: readonly PolygonCoords[] };

/**
 * Area-weighted centroid of a (Multi)Polygon in plain lng/lat. Planar maths is fine at county
 * and city scale: the centroid is invariant under the near-affine lng scaling of a small area.
 * Ring orientation is not trusted (old map data mixes them): the outer ring counts positive,
 * holes negative. Returns undefined for a degenerate shape.
 */
export function polygonCentroid(geometry: GeoJsonArea): (LatLng & { area: number }) | undefined {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const r = ringMoments(ring);
      const sign = i === 0 ? 1 : -1;
      const a = Math.abs(r.area);
      area += sign * a;
      // r.cx/r.cy are signed together with r.area, so dividing by the signed area gives the true centroid.
      sx += sign * a * (r.cx / r.area || 0);
      sy += sign * a * (r.cy / r.area || 0);
    });
  }
  if (!(area > 0)) return undefined;
  return { lng: sx / area, lat: sy / area, area };
}

function ringMoments(ring: readonly Position[]): { area: number; cx: number; cy: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0 = 0, y0 = 0] = ring[i]!;
    const [x1 = 0, y1 = 0] = ring[(i + 1) % ring.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross / 2;
    cx += ((x0 + x1) * cross) / 6;
    cy += ((y0 + y1) * cross) / 6;
  }
  return { area, cx, cy };
}
