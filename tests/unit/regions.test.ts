import { describe, expect, it } from "vitest";
import { boundingBox, haversineKm, insideBox, polygonCentroid } from "../../src/lib/geo";
import { ancestry, canonicalRegionCode, levelOf, sixDigit } from "../../src/modules/regions/codes";
import { regionNameCore, shortRegionName } from "../../src/modules/regions/names";

describe("canonicalRegionCode", () => {
  it.each([
    ["45", "45"],
    ["450000", "45"],
    ["450300", "4503"],
    ["4503", "4503"],
    ["450332", "450332"],
    [" 450332 ", "450332"],
    ["450332100", "450332100"],
    ["450332000", "450332"],
    ["450332100201", "450332100201"],
    ["450332100000", "450332100"],
    ["450332000000", "450332"],
    ["450300000000", "4503"],
    ["441900", "4419"],
    ["441900003", "441900003"],
  ])("%s → %s", (input, expected) => {
    expect(canonicalRegionCode(input)).toBe(expected);
  });

  it.each([
    "",
    "4",
    "450",
    "45033",
    "4503321",
    "45033210",
    "abc",
    "45a300",
    "4503321002011",
    "450 300",
  ])("rejects %j", (input) => {
    expect(canonicalRegionCode(input)).toBeUndefined();
  });

  it("derives level, ancestry and the six-digit form", () => {
    expect(levelOf("4503")).toBe("city");
    expect(levelOf("450332100201")).toBe("village");
    expect(ancestry("450332100")).toEqual(["45", "4503", "450332", "450332100"]);
    expect(sixDigit("4503")).toBe("450300");
  });
});

describe("shortRegionName", () => {
  it.each([
    ["恭城瑶族自治县", "恭城"],
    ["桂林市", "桂林"],
    ["广西壮族自治区", "广西"],
    ["融水苗族自治县", "融水"],
    ["金秀瑶族自治县", "金秀"],
    ["龙胜各族自治县", "龙胜"],
    ["东兴市", "东兴"],
    ["莲花镇", "莲花"],
    ["广东省", "广东"],
    ["连山壮族瑶族自治县", "连山"],
    ["罗城仫佬族自治县", "罗城"],
    ["环江毛南族自治县", "环江"],
    ["三江侗族自治县", "三江"],
    ["阿克塞哈萨克族自治县", "阿克塞"],
    ["同乐苗族乡", "同乐"],
    ["漓东街道办事处", "漓东"],
    ["东城街道", "东城"],
    ["茶东社区居委会", "茶东"],
    ["龙岭村委会", "龙岭"],
    ["金城江区", "金城江"],
    ["清新区", "清新"],
    ["大东社区委员会", "大东"],
    ["熟康村委委会", "熟康"],
  ])("%s → %s", (name, short) => {
    expect(shortRegionName(name)).toBe(short);
  });

  it.each([
    "容县",
    "藤县",
    "城区",
    "横县",
    "区",
    "县",
  ])("keeps %s whole: stripping would leave one character or none", (name) => {
    expect(shortRegionName(name)).toBe(name);
  });

  it.each([
    "廖平农场",
    "仙葫经济开发区",
    "隆安华侨管理区",
    "青秀山",
    "平果铝",
    "翠山湖新区",
    "保税区",
  ])("keeps the special unit %s whole", (name) => {
    expect(shortRegionName(name)).toBe(name);
  });

  it("strips to the core for matching renamed units, even to one character", () => {
    expect(regionNameCore("横县")).toBe("横");
    expect(regionNameCore("横州市")).toBe("横州");
  });
});

describe("geo", () => {
  const guilin = { lat: 25.2736, lng: 110.29 };
  const nanning = { lat: 22.817, lng: 108.3665 };

  it("measures great-circle distances", () => {
    expect(haversineKm(guilin, guilin)).toBe(0);
    expect(haversineKm(guilin, nanning)).toBeGreaterThan(330);
    expect(haversineKm(guilin, nanning)).toBeLessThan(345);
    expect(haversineKm(guilin, nanning)).toBeCloseTo(haversineKm(nanning, guilin), 9);
    // A quarter of a meridian: 10,007.5 km on the mean-radius sphere.
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 90, lng: 0 })).toBeCloseTo(10007.5, 0);
    expect(haversineKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.2, 0);
  });

  it("bounds every point within the radius", () => {
    const box = boundingBox(guilin, 50);
    expect(box.maxLat - box.minLat).toBeCloseTo((2 * 50) / 111.195, 3);
    expect(box.maxLng - box.minLng).toBeGreaterThan(box.maxLat - box.minLat);
    // Points 50 km away in every direction stay inside; one 60 km east does not.
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const p = destination(guilin, 49.99, bearing);
      expect(haversineKm(guilin, p)).toBeCloseTo(49.99, 1);
      expect(insideBox(p, box), `bearing ${bearing}`).toBe(true);
    }
    expect(insideBox(destination(guilin, 60, 90), box)).toBe(false);
  });

  it("handles a zero radius and the poles", () => {
    expect(boundingBox(guilin, 0)).toEqual({
      minLat: guilin.lat,
      maxLat: guilin.lat,
      minLng: guilin.lng,
      maxLng: guilin.lng,
    });
    expect(boundingBox({ lat: 89.9, lng: 10 }, 50)).toMatchObject({
      maxLat: 90,
      minLng: -180,
      maxLng: 180,
    });
    expect(() => boundingBox(guilin, -1)).toThrow(RangeError);
    expect(() => boundingBox(guilin, Number.NaN)).toThrow(RangeError);
  });

  it("computes area-weighted centroids, ignoring ring orientation and subtracting holes", () => {
    const square = [
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ];
    expect(polygonCentroid({ type: "Polygon", coordinates: square })).toMatchObject({
      lng: 1,
      lat: 1,
      area: 4,
    });
    const clockwise = [
      [
        [0, 0],
        [0, 2],
        [2, 2],
        [2, 0],
        [0, 0],
      ],
    ];
    expect(polygonCentroid({ type: "Polygon", coordinates: clockwise })).toMatchObject({
      lng: 1,
      lat: 1,
      area: 4,
    });
    // A 1×1 square and a 2×2 square: weights 1 and 4.
    const multi = polygonCentroid({
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
        [
          [
            [10, 0],
            [12, 0],
            [12, 2],
            [10, 2],
          ],
        ],
      ],
    })!;
    expect(multi.lng).toBeCloseTo((0.5 * 1 + 11 * 4) / 5, 9);
    expect(multi.lat).toBeCloseTo((0.5 * 1 + 1 * 4) / 5, 9);
    // A 4×4 square with a 2×2 hole in its right half: the centroid moves left.
    const holed = polygonCentroid({
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
        ],
        [
          [2, 1],
          [4, 1],
          [4, 3],
          [2, 3],
        ],
      ],
    })!;
    expect(holed.area).toBeCloseTo(12, 9);
    expect(holed.lng).toBeCloseTo((2 * 16 - 3 * 4) / 12, 9);
    expect(holed.lat).toBeCloseTo(2, 9);
    expect(
      polygonCentroid({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
          ],
        ],
      }),
    ).toBeUndefined();
  });
});

/** The point `km` away on a great circle at `bearing` degrees (standard spherical formula). */
function destination(from: { lat: number; lng: number }, km: number, bearing: number) {
  const r = 6371.0088;
  const rad = Math.PI / 180;
  const d = km / r;
  const b = bearing * rad;
  const lat1 = from.lat * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    from.lng * rad +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: lat2 / rad, lng: lng2 / rad };
}
