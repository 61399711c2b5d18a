import { describe, expect, it } from "vitest";
import {
  decodeOffset,
  effectiveSort,
  encodeOffset,
  meiliFilter,
  parseNear,
  quote,
  type SearchInput,
  toSearchInput,
  withinRadius,
} from "../../../src/modules/jobs/search-query";

const base: SearchInput = {
  q: "",
  channels: [],
  radiusKm: 30,
  sort: "relevance",
  offset: 0,
  limit: 20,
};

describe("search query", () => {
  it("builds the Meilisearch filter from every option, values quoted", () => {
    const f = meiliFilter(
      {
        ...base,
        channels: ["odd_job", "gd_gx"],
        region: "4503",
        wageUnit: "month",
        minWageFen: 450000,
        certificate: "bagui_jiazheng",
        occupation: '家政"员',
      },
      1000,
      { minLat: 1, maxLat: 2, minLng: 3, maxLng: 4 },
    );
    expect(f).toEqual([
      "NOT expiresAt <= 1000",
      'channel IN ["odd_job", "gd_gx"]',
      'regionCodes = "4503"',
      'wageUnit = "month"',
      "wageMaxFen >= 450000",
      'certificates = "bagui_jiazheng"',
      'occupation = "家政\\"员"',
      "lat 1 TO 2",
      "lng 3 TO 4",
    ]);
    expect(quote("a\\b")).toBe('"a\\\\b"');
  });

  it("reads relevance without words as distance near me, else newest", () => {
    expect(effectiveSort({ q: "", sort: "relevance" })).toBe("newest");
    expect(effectiveSort({ q: "", sort: "relevance", near: { lat: 1, lng: 2 } })).toBe("distance");
    expect(effectiveSort({ q: "普工", sort: "relevance", near: { lat: 1, lng: 2 } })).toBe(
      "relevance",
    );
    expect(effectiveSort({ q: "", sort: "wage" })).toBe("wage");
  });

  it("parses near and refuses malformed positions", () => {
    expect(parseNear("24.83, 110.83")).toEqual({ lat: 24.83, lng: 110.83 });
    expect(parseNear(undefined)).toBeUndefined();
    for (const bad of ["abc", "91,10", "24.8", "24.8,181"])
      expect(() => parseNear(bad)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("round-trips page cursors and refuses forged ones", () => {
    expect(decodeOffset(encodeOffset(40))).toBe(40);
    expect(decodeOffset(undefined)).toBe(0);
    expect(() => decodeOffset("zzz")).toThrow(
      expect.objectContaining({ extra: { field: "cursor" } }),
    );
    expect(() => decodeOffset(encodeOffset(5000))).toThrow();
  });

  it("checks cross-field rules and canonicalises the region", () => {
    const raw = { q: "", channel: [], radiusKm: 30, sort: "relevance" as const, limit: 20 };
    expect(toSearchInput({ ...raw, region: "450300" }).region).toBe("4503");
    expect(() => toSearchInput({ ...raw, sort: "distance" })).toThrow(
      expect.objectContaining({ extra: expect.objectContaining({ field: "sort" }) }),
    );
    expect(() => toSearchInput({ ...raw, minWageFen: 100 })).toThrow(
      expect.objectContaining({ extra: expect.objectContaining({ field: "wageUnit" }) }),
    );
    expect(toSearchInput({ ...raw, cursor: encodeOffset(990), limit: 50 }).limit).toBe(10);
  });

  it("keeps only points inside the circle, with distances", () => {
    const c = { lat: 25, lng: 110 };
    const pts = [
      { id: "a", lat: 25.05, lng: 110 },
      { id: "b", lat: 25.2, lng: 110.2 },
      { id: "c", lat: null, lng: null },
    ];
    const inside = withinRadius(pts, c, 10);
    expect(inside.map((p) => p.id)).toEqual(["a"]);
    expect(inside[0]!.distanceKm).toBeCloseTo(5.56, 1);
  });
});
