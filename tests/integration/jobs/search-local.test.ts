import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSearch } from "../../../src/search/client";
import { applyJobsIndexSettings } from "../../../src/search/jobs-index";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeLabourer, VILLAGES } from "../labourers/factory";
import { asEmployer, jobBody, makeEmployer, makeJob, waitIndexed } from "./factory";

/**
 * Issue 16, defects 4 and 6: occupation synonyms and pinyin, the labourer's own place first, and
 * distances in words at the precision known — against real Meilisearch and the Postgres fallback.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const HOME = VILLAGES.gongcheng; // 恭城 莲花镇 竹山村 450332102201

interface World {
  h: Harness;
  ids: Record<string, string>;
  me: AuthAs;
}

async function seed(h: Harness, indexed: boolean): Promise<World> {
  const ids: Record<string, string> = {};
  const local = await makeEmployer(h, { regionCode: "450332", name: "恭城县家政服务中心" });
  const as = await asEmployer(h, local.id);
  const post = async (key: string, o: Record<string, unknown>) => {
    ids[key] = (await makeJob(h, as, jobBody("enterprise", o))).id;
  };
  await post("yuesao", {
    title: "招聘母婴护理员（住家）",
    occupation: "母婴护理员",
    regionCode: "450332100",
  });
  await post("baomu", { title: "住家阿姨", occupation: "家政服务员", regionCode: "450332100" });
  // Local first: created oldest (own village) to newest (Nanning), so date order is the reverse.
  await post("village", { title: "包装工 竹山村", occupation: "包装工", regionCode: HOME });
  await post("township", { title: "包装工 莲花镇", occupation: "包装工", regionCode: "450332102" });
  await post("county", { title: "包装工 恭城镇", occupation: "包装工", regionCode: "450332100" });
  await post("city", { title: "包装工 阳朔", occupation: "包装工", regionCode: "450321" });
  await post("far", { title: "包装工 南宁", occupation: "包装工", regionCode: "450102" });
  // Pinned 2.0 km north of the phone location used below.
  await post("pinned", {
    title: "恭城油茶厂打包工",
    occupation: "打包工",
    regionCode: "450332100",
    lat: 24.85,
    lng: 110.83,
  });
  if (indexed) for (const id of Object.values(ids)) await waitIndexed(h, id);
  const person = await makeLabourer(h, { villageCode: HOME });
  return { h, ids, me: await asLabourer(h, person.id) };
}

const modes = [
  { name: "Meilisearch", degraded: false },
  { name: "the Postgres fallback", degraded: true },
] as const;

describe.each(modes)("search on $name", ({ degraded }) => {
  let w: World;
  beforeAll(async () => {
    const h = degraded
      ? await createHarness({
          overrides: {
            search: createSearch(`http://127.0.0.1:${await closedPort()}`, "x", "down_"),
          },
        })
      : await createHarness({ sync: true });
    w = await seed(h, !degraded);
  });
  afterAll(async () => {
    await w?.h.close();
  });

  const search = async (query: string, as?: AuthAs) => {
    const res = await json(await w.h.api.get(`/api/v1/jobs/search?limit=50&${query}`, as));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.degraded).toBe(degraded);
    return res.body.items as { id: string; distanceText: string | null }[];
  };
  const ids = async (q: string, as?: AuthAs) =>
    (await search(`q=${encodeURIComponent(q)}`, as)).map((i) => i.id);

  it("月嫂 finds the 母婴护理员 posting, and the other way round through the table", async () => {
    expect(await ids("月嫂")).toEqual([w.ids.yuesao]);
    expect(await ids("育婴员")).toEqual([w.ids.yuesao]);
    expect(await ids("保姆")).toEqual([w.ids.baomu]);
    // 打包工 = 包装工: the pinned posting joins the five 包装工 postings.
    expect((await ids("打包工")).sort()).toEqual(
      [w.ids.village, w.ids.township, w.ids.county, w.ids.city, w.ids.far, w.ids.pinned].sort(),
    );
  });

  it("finds occupations typed in full pinyin, its start, or initials", async () => {
    expect(await ids("yuesao")).toEqual([w.ids.yuesao]);
    expect(await ids("yues")).toEqual([w.ids.yuesao]);
    expect(await ids("ys")).toContain(w.ids.yuesao);
    expect(await ids("muyinghuliyuan")).toEqual([w.ids.yuesao]);
  });

  it("lists a signed-in labourer's village and township, county, city, then the rest", async () => {
    const order = [w.ids.village, w.ids.township, w.ids.county, w.ids.city, w.ids.far];
    // 包装工 = 打包工 finds the pinned posting too (county tier); left out here.
    const unpinned = (list: string[]) => list.filter((id) => id !== w.ids.pinned);
    // The village is inside the township: the two share the first tier.
    const mine = unpinned(await ids("包装工", w.me));
    expect(mine.slice(0, 2).sort()).toEqual([w.ids.village, w.ids.township].sort());
    expect(mine.slice(2)).toEqual(order.slice(2));
    // Without words too (newest first within each tier).
    const all = unpinned((await search("", w.me)).map((i) => i.id)).filter((id) =>
      order.includes(id),
    );
    expect(all).toEqual([w.ids.township, w.ids.village, w.ids.county, w.ids.city, w.ids.far]);
    // An explicit order (or region, or location) turns local-first off.
    const byNewest = (await search(`q=${encodeURIComponent("包装工")}&sort=newest`, w.me)).map(
      (i) => i.id,
    );
    expect(unpinned(byNewest)).toEqual([...order].reverse());
  });

  it("says distances at the precision known, never 不到 1 公里 from copied points", async () => {
    const text = (items: { id: string; distanceText: string | null }[]) =>
      Object.fromEntries(items.map((i) => [i.id, i.distanceText]));
    const mine = text(await search(`q=${encodeURIComponent("打包工")}`, w.me));
    expect(mine[w.ids.village!]).toBe("同村");
    expect(mine[w.ids.township!]).toBe("同乡镇");
    expect(mine[w.ids.county!]).toBe("本县");
    expect(mine[w.ids.pinned!]).toBe("本县"); // pinned, but the person's own place is a region
    expect(mine[w.ids.city!]).toMatch(/^约 \d+ 公里$/);
    expect(mine[w.ids.far!]).toMatch(/^约 \d{3} 公里$/);
    // Anonymous, no location: nothing is known.
    expect(text(await search(`q=${encodeURIComponent("打包工")}`))[w.ids.county!]).toBeNull();
    // The phone's location: measured to the pinned posting, the county otherwise.
    const near = text(await search("near=24.832,110.83&radiusKm=30&sort=distance"));
    expect(near[w.ids.pinned!]).toBe("约 2.0 公里");
    expect(near[w.ids.county!]).toBe("本县");
    const nearMine = text(await search("near=24.832,110.83&radiusKm=30&sort=distance", w.me));
    expect(nearMine[w.ids.township!]).toBe("同乡镇");
    expect(nearMine[w.ids.pinned!]).toBe("约 2.0 公里");
  });
});

describe("the employer's pin", () => {
  let h: Harness;
  let as: AuthAs;
  beforeAll(async () => {
    h = await createHarness();
    as = await asEmployer(h, (await makeEmployer(h, { regionCode: "450332" })).id);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is stored as pinned; a region alone is not", async () => {
    const pinned = await makeJob(h, as, jobBody("enterprise", { lat: 24.85, lng: 110.83 }), {
      open: false,
    });
    expect(pinned).toMatchObject({ lat: 24.85, lng: 110.83, pinned: true });
    const plain = await makeJob(h, as, jobBody("enterprise"), { open: false });
    expect(plain.pinned).toBe(false);
    // A new region without a new pin goes back to the region's point.
    const moved = await json(
      await h.api.patch(`/api/v1/jobs/${pinned.id}`, { regionCode: "450321" }, as),
    );
    expect(moved.body.pinned).toBe(false);
    const pinnedAgain = await json(
      await h.api.patch(`/api/v1/jobs/${plain.id}`, { lat: 24.9, lng: 110.8 }, as),
    );
    expect(pinnedAgain.body).toMatchObject({ pinned: true, lat: 24.9, lng: 110.8 });
  });

  it("is refused outside China and outside the posting's province, in Chinese", async () => {
    const abroad = await json(
      await h.api.post("/api/v1/jobs", jobBody("enterprise", { lat: 10, lng: 110 }), as),
    );
    expect(abroad.status).toBe(400);
    expect(abroad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "lat" });
    expect(abroad.body.error.message).toContain("中国境内");
    const hunan = await json(
      await h.api.post("/api/v1/jobs", jobBody("enterprise", { lat: 28.2, lng: 112.9 }), as),
    );
    expect(hunan.status).toBe(400);
    expect(hunan.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "lat" });
    expect(hunan.body.error.message).toContain("不在广西境内");
  });
});

describe("the synonyms setting", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is applied with the index settings and is idempotent", async () => {
    await applyJobsIndexSettings(h.deps.search);
    const again = await applyJobsIndexSettings(h.deps.search);
    expect(again.updated).toEqual([]);
    const uid = h.deps.search.indexName("jobs");
    const synonyms = await h.deps.search.client.index(uid).getSynonyms();
    expect(synonyms["月嫂"]).toEqual(expect.arrayContaining(["母婴护理员", "育婴员"]));
  });
});
