import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemCtx } from "../../../src/lib/ctx";
import { haversineKm, type LatLng } from "../../../src/lib/geo";
import { searchMeili } from "../../../src/modules/jobs/search-meili";
import type { SearchInput } from "../../../src/modules/jobs/search-query";
import { createJob, openJob } from "../../../src/modules/jobs/service";
import { meiliSearcher } from "../../../src/search/meili-http";
import {
  CELL_DEG,
  PostingDensity,
  refreshPostingDensity,
} from "../../../src/search/posting-density";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { makeEmployer } from "./factory";

/**
 * Nearest-first search without words sizes its Meilisearch fetch from the posting-density map
 * (src/search/posting-density.ts). The map only steers: whether it is right, empty, stale or
 * far too dense, the page must be the exact nearest postings. This file's index holds only the
 * postings made here, so the expected pages are computed from their known positions.
 */
let h: Harness;
const CENTER: LatLng = { lat: 24.3312, lng: 109.4281 };
const made: { id: string; channel: "workshop" | "odd_job"; at: LatLng }[] = [];

function at(km: number, bearingDeg: number): LatLng {
  const d = km / 6371.0088,
    b = (bearingDeg * Math.PI) / 180;
  const lat1 = (CENTER.lat * Math.PI) / 180,
    lng1 = (CENTER.lng * Math.PI) / 180;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lng2 =
    lng1 +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
}

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await createHarness({ sync: true });
  const ctx = systemCtx(h.deps, "test");
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450202" });
  // 240 workshop postings within 3 km (more than one fetch returns: 200), 30 odd jobs 4–16 km out.
  const plan = [
    ...Array.from({ length: 240 }, (_, i) => ({
      channel: "workshop" as const,
      at: at(0.05 + ((i * 7919) % 2950) / 1000, (i * 137) % 360),
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      channel: "odd_job" as const,
      at: at(4 + ((i * 31) % 120) / 10, (i * 59) % 360),
    })),
  ];
  for (const p of plan) {
    const draft = await createJob(ctx, {
      employerId: employer.id,
      channel: p.channel,
      title: p.channel === "workshop" ? "竹编车间编织工" : "柑橘采摘工",
      description: "",
      occupation: p.channel === "workshop" ? "编织工" : "采摘工",
      skills: [],
      certificates: [],
      benefits: [],
      headcount: 2,
      wageMinFen: 12_000,
      wageMaxFen: 16_000,
      wageUnit: "day",
      regionCode: "450202",
      lat: p.at.lat,
      lng: p.at.lng,
      contactName: "韦师傅",
      contactPhone: "13800138000",
      ...(p.channel === "odd_job"
        ? { meetingPoint: "镇政府门口", workStartOn: inDays(2), workEndOn: inDays(10) }
        : {}),
    } as never);
    await openJob(ctx, draft.id);
    made.push({ id: draft.id, ...p });
  }
  await eventually(
    async () => {
      const res = await meiliSearcher(h.deps.search).search(`${h.config.SEARCH_INDEX_PREFIX}jobs`, {
        q: "",
        limit: 0,
      });
      return (res as { estimatedTotalHits?: number }).estimatedTotalHits === made.length;
    },
    60_000,
    100,
  );
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const input = (o: Partial<SearchInput> = {}): SearchInput => ({
  q: "",
  channels: [],
  near: CENTER,
  radiusKm: 20,
  sort: "distance",
  offset: 0,
  limit: 20,
  ...o,
});

function expected(i: SearchInput): string[] {
  return made
    .filter(
      (m) =>
        (i.channels.length === 0 || i.channels.includes(m.channel)) &&
        haversineKm(CENTER, m.at) <= i.radiusKm,
    )
    .map((m) => ({ id: m.id, d: Math.round(haversineKm(CENTER, m.at) * 1000) / 1000 }))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
    .slice(i.offset, i.offset + i.limit)
    .map((m) => m.id);
}

/** Runs one search and counts the Meilisearch requests it made (searches and multi-searches). */
async function run(i: SearchInput, density: PostingDensity | null) {
  const searcher = meiliSearcher(h.deps.search);
  const single = vi.spyOn(searcher, "search");
  const multi = vi.spyOn(searcher, "multiSearch");
  try {
    const page = await searchMeili(h.deps.search, i, new Date(), { density });
    return {
      ids: page.hits.map((x) => x.id),
      hasMore: page.hasMore,
      requests: single.mock.calls.length + multi.mock.calls.length,
    };
  } finally {
    single.mockRestore();
    multi.mockRestore();
  }
}

describe("nearest first, sized by the posting-density map", () => {
  it("answers from one fetch when the map is current", async () => {
    const map = await refreshPostingDensity(h.deps.db);
    expect(map.total).toBe(made.length);
    for (const i of [
      input(),
      input({ channels: ["odd_job"] }),
      input({ limit: 50 }),
      input({ offset: 20, limit: 20 }),
    ]) {
      const got = await run(i, map);
      expect(got.ids, JSON.stringify(i)).toEqual(expected(i));
      expect(got.requests, JSON.stringify(i)).toBe(1);
    }
  });

  it("is still exact when the map knows nothing (the box is too full: it counts, then fetches)", async () => {
    const got = await run(input(), new PostingDensity([], Date.now()));
    expect(got.ids).toEqual(expected(input()));
    // The whole 20 km box (270 postings) does not fit one fetch of 200; counting sizes the next one.
    expect(got.requests).toBeGreaterThanOrEqual(3);
  });

  it("is still exact when the map puts far too many postings here (the box is too small: it grows by rings)", async () => {
    const crowded = new PostingDensity(
      [
        {
          channel: "workshop",
          y: Math.floor(CENTER.lat / CELL_DEG),
          x: Math.floor(CENTER.lng / CELL_DEG),
          n: 5_000_000,
        },
      ],
      Date.now(),
    );
    for (const i of [
      input(),
      input({ channels: ["workshop"] }),
      input({ channels: ["workshop"], offset: 40, limit: 30 }),
    ]) {
      const got = await run(i, crowded);
      expect(got.ids, JSON.stringify(i)).toEqual(expected(i));
      expect(got.requests, JSON.stringify(i)).toBeGreaterThan(1);
    }
    // The same map holds no odd jobs: the whole 20 km box is fetched at once, and holds them all.
    const odd = input({ channels: ["odd_job"] });
    expect(await run(odd, crowded)).toEqual({ ids: expected(odd), hasMore: true, requests: 1 });
  });

  it("is exact without a map, and through the API (which reads the map in the background)", async () => {
    for (const i of [input(), input({ channels: ["odd_job"], offset: 10 })])
      expect((await run(i, null)).ids).toEqual(expected(i));
    const want = expected(input({ limit: 30 }));
    for (let k = 0; k < 3; k++) {
      const res = await json<{ items: { id: string; distanceKm: number }[]; degraded: boolean }>(
        await h.api.get(
          `/api/v1/jobs/search?near=${CENTER.lat},${CENTER.lng}&radiusKm=20&sort=distance&limit=30`,
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body.degraded).toBe(false);
      expect(res.body.items.map((x) => x.id)).toEqual(want);
    }
  });
});
