import { describe, expect, it } from "vitest";
import { boundingBox, haversineKm } from "../../../src/lib/geo";
import { CELL_DEG, type DensityCell, PostingDensity } from "../../../src/search/posting-density";

// The cell whose south-west corner is (25.00, 110.00).
const Y = Math.round(25 / CELL_DEG);
const X = Math.round(110 / CELL_DEG);
const cellBox = (dy: number, dx: number, from = 0, to = 1) => ({
  minLat: (Y + dy + from) * CELL_DEG,
  maxLat: (Y + dy + to) * CELL_DEG,
  minLng: (X + dx + from) * CELL_DEG,
  maxLng: (X + dx + to) * CELL_DEG,
});

/** n postings of a channel in every cell of a square of side 2k + 1 around (Y, X). */
function square(k: number, n: number, channel = "workshop"): DensityCell[] {
  const out: DensityCell[] = [];
  for (let dy = -k; dy <= k; dy++)
    for (let dx = -k; dx <= k; dx++) out.push({ channel, y: Y + dy, x: X + dx, n });
  return out;
}

describe("PostingDensity", () => {
  it("counts a box from the cells it covers, spreading each cell evenly", () => {
    const d = new PostingDensity([{ channel: "odd_job", y: Y, x: X, n: 100 }], 0);
    expect(d.total).toBe(100);
    expect(d.boxCount(cellBox(0, 0))).toBeCloseTo(100, 6);
    expect(d.boxCount(cellBox(0, 0, 0, 0.5))).toBeCloseTo(25, 6);
    expect(d.boxCount(cellBox(0, 0, 0.25, 0.75))).toBeCloseTo(25, 6);
    expect(d.boxCount(cellBox(-3, -3, 0, 7))).toBeCloseTo(100, 6);
    expect(d.boxCount(cellBox(2, 2))).toBe(0);
    // Boxes reaching past the map's edge are clipped to it.
    expect(d.boxCount({ minLat: 0, maxLat: 80, minLng: 0, maxLng: 170 })).toBeCloseTo(100, 6);
  });

  it("counts only the channels asked for (none: all)", () => {
    const d = new PostingDensity(
      [
        { channel: "odd_job", y: Y, x: X, n: 10 },
        { channel: "workshop", y: Y, x: X, n: 30 },
        { channel: "gd_gx", y: Y + 1, x: X, n: 5 },
      ],
      0,
    );
    const both = cellBox(0, 0, 0, 2);
    expect(d.boxCount(both)).toBeCloseTo(45, 6);
    expect(d.boxCount(both, ["workshop"])).toBeCloseTo(30, 6);
    expect(d.boxCount(both, ["odd_job", "gd_gx"])).toBeCloseTo(15, 6);
    expect(d.boxCount(both, ["public_welfare"])).toBe(0);
  });

  it("expects π/4 of a box's postings in its circle where they are spread evenly", () => {
    const d = new PostingDensity(square(20, 50), 0);
    const center = { lat: (Y + 0.5) * CELL_DEG, lng: (X + 0.5) * CELL_DEG };
    for (const km of [0.5, 3, 10]) {
      const box = d.boxCount(boundingBox(center, km));
      expect(d.circleCount(center, km) / box).toBeCloseTo(Math.PI / 4, 2);
    }
  });

  it("finds the radius whose circle is expected to hold a target, or the largest allowed", () => {
    const d = new PostingDensity(square(20, 50), 0);
    const center = { lat: (Y + 0.3) * CELL_DEG, lng: (X + 0.6) * CELL_DEG };
    for (const target of [5, 31, 400]) {
      const r = d.radiusFor(center, target, 20);
      expect(r).toBeLessThan(20);
      expect(d.circleCount(center, r) / target).toBeCloseTo(1, 2);
    }
    // 50 a cell over 41 × 41 cells: 84,050 in all, so 10^6 is never reached.
    expect(d.radiusFor(center, 1e6, 20)).toBe(20);
    expect(new PostingDensity([], 0).radiusFor(center, 31, 20)).toBe(20);
    // The channel filter narrows the count, so the radius grows.
    const mixed = new PostingDensity([...square(20, 45, "gd_gx"), ...square(20, 5, "odd_job")], 0);
    const rAll = mixed.radiusFor(center, 31, 20);
    const rOdd = mixed.radiusFor(center, 31, 20, ["odd_job"]);
    expect(rOdd / rAll).toBeCloseTo(Math.sqrt(10), 1);
    expect(haversineKm(center, { lat: center.lat + rOdd / 111.2, lng: center.lng })).toBeCloseTo(
      rOdd,
      1,
    );
  });

  it("keeps every posting when a wide spread makes the cells coarser", () => {
    // Opposite corners of a 6,000 × 6,000-cell extent: more cells than one map holds.
    const d = new PostingDensity(
      [
        { channel: "odd_job", y: 0, x: 0, n: 7 },
        { channel: "odd_job", y: 5999, x: 5999, n: 11 },
      ],
      0,
    );
    expect(d.boxCount({ minLat: -1, maxLat: 200, minLng: -1, maxLng: 200 })).toBeCloseTo(18, 6);
    expect(d.boxCount({ minLat: 100, maxLat: 200, minLng: 100, maxLng: 200 })).toBeCloseTo(11, 6);
  });
});
