import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, idNumber, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe("GET /api/v1/labourers", () => {
  it("lists only the caller's region", async () => {
    const here = await makeLabourer(h);
    const there = await makeLabourer(h, {
      idNumber: idNumber("451228"),
      villageCode: VILLAGES.duan,
    });
    const gongcheng = await json(
      await h.api.get("/api/v1/labourers?limit=100", await h.as.bureau("450332")),
    );
    expect(gongcheng.status, JSON.stringify(gongcheng.body)).toBe(200);
    expect(ids(gongcheng.body)).toContain(here.id);
    expect(ids(gongcheng.body)).not.toContain(there.id);
    const all = ids(
      (await json(await h.api.get("/api/v1/labourers?limit=100", await h.as.bureau("45")))).body,
    );
    expect(all).toEqual(expect.arrayContaining([here.id, there.id]));
    // A region filter outside the scope cannot widen it.
    const widened = await json(
      await h.api.get("/api/v1/labourers?region=451228&limit=100", await h.as.bureau("450332")),
    );
    expect(widened.body.items).toEqual([]);
  });

  it("filters by region prefix, person type, intention, employment status, key assistance and name", async () => {
    const tag = `${Math.random().toString(36).slice(2, 6)}`.replace(/[0-9]/g, "甲");
    const a = await makeLabourer(h, {
      name: `韦${tag}`,
      villageCode: VILLAGES.sanjiang,
      idNumber: idNumber("450226"),
      personType: "monitored",
      workIntention: "local",
      keyAssistance: true,
    });
    const b = await makeLabourer(h, {
      name: `韦${tag}`,
      villageCode: VILLAGES.sanjiang,
      idNumber: idNumber("450226"),
      personType: "tuopin",
      workIntention: "out_province",
      employmentStatus: "out_province",
    });
    const admin = await h.as.admin();
    const q = async (qs: string) =>
      ids(
        (
          await json(
            await h.api.get(
              `/api/v1/labourers?region=450226100&q=${encodeURIComponent(tag)}&${qs}`,
              admin,
            ),
          )
        ).body,
      );
    expect((await q("")).sort()).toEqual([a.id, b.id].sort());
    expect(await q("personType=monitored")).toEqual([a.id]);
    expect(await q("workIntention=out_province")).toEqual([b.id]);
    expect(await q("employmentStatus=out_province")).toEqual([b.id]);
    expect(await q("keyAssistance=true")).toEqual([a.id]);
    expect(await q("keyAssistance=false")).toEqual([b.id]);
    expect(
      ids(
        (await json(await h.api.get("/api/v1/labourers?region=450226100201&limit=100", admin)))
          .body,
      ),
    ).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it("pages with a cursor, newest first, without repeats or gaps", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push((await makeLabourer(h, { villageCode: VILLAGES.gongcheng2 })).id);
    const bureau = await h.as.bureau("450332100201");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await json(
        await h.api.get(`/api/v1/labourers?limit=2${cursor ? `&cursor=${cursor}` : ""}`, bureau),
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it("answers bad query parameters with 400 naming them", async () => {
    const admin = await h.as.admin();
    for (const [qs, field] of [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["region=45abc", "region"],
      ["personType=poor", "personType"],
      ["keyAssistance=yes", "keyAssistance"],
      ["cursor=xyz", "cursor"],
    ]) {
      const res = await json(await h.api.get(`/api/v1/labourers?${qs}`, admin));
      expect(res.status, `${qs}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    }
  });

  it("is closed to labourers and employers (403) and anonymous callers (401)", async () => {
    const l = await makeLabourer(h);
    expect((await h.api.get("/api/v1/labourers", await asLabourer(h, l.id))).status).toBe(403);
    expect((await h.api.get("/api/v1/labourers", await h.as.user("employer"))).status).toBe(403);
    expect((await h.api.get("/api/v1/labourers")).status).toBe(401);
  });
});
