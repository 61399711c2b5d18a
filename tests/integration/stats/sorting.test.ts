import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { daysAgo, GONGCHENG, insertLabourer, insertNotification, LIANHUA } from "./fixture";

/**
 * Sorted warning lists (docs/MONITORING.md, "Sorting"): paging through a list in any sort returns
 * every row exactly once, in the sort's order, ties broken by id. Fixture: ten people wanting
 * work and without a job, in two villages; four share one registration instant and pushes fall
 * on shared days (ties), three were never pushed (most urgent: first when sorted by push age).
 */
let h: Harness;
let county: AuthAs;
const people: { id: string; push: number | null; created: Date; village: string }[] = [];

beforeAll(async () => {
  h = await createHarness();
  const same = daysAgo(30);
  const pushes = [3, 3, null, 10, 10, 10, null, 1, 40, null];
  for (const [i, push] of pushes.entries()) {
    const village = i % 2 ? GONGCHENG : LIANHUA;
    const created = i < 4 ? same : daysAgo(60 - i);
    const l = await insertLabourer(h, {
      name: `测试人员${i}`,
      villageCode: village,
      workIntention: "local",
      createdAt: created,
    });
    if (push !== null) await insertNotification(h, l.id, daysAgo(push));
    people.push({ id: l.id, push, created, village });
  }
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

const URL = "/api/v1/stats/warnings/unemployed_with_intention";

async function pageAll(sort: string, limit: number) {
  const seen: any[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const q: string = `?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const res = await json(await h.api.get(URL + q, county));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sort).toBe(sort);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
type P = (typeof people)[number];
const EXPECTED: Record<string, (a: P, b: P) => number> = {
  newest: (a, b) => b.created.getTime() - a.created.getTime() || byId(b.id, a.id),
  oldest: (a, b) => a.created.getTime() - b.created.getTime() || byId(a.id, b.id),
  region: (a, b) => byId(a.village, b.village) || byId(a.id, b.id),
  days_since_push: (a, b) => (b.push ?? 1e6) - (a.push ?? 1e6) || byId(b.id, a.id),
};

describe("sorted warning lists", () => {
  for (const sort of Object.keys(EXPECTED))
    it(`pages by ${sort}: every row exactly once, in order, at page sizes 1, 3 and 4`, async () => {
      const want = [...people].sort(EXPECTED[sort]).map((p) => p.id);
      for (const limit of [1, 3, 4]) {
        const got = (await pageAll(sort, limit)).map((i) => i.labourerId);
        expect(got).toEqual(want);
      }
    });

  it("sorts by days since the last contact, never contacted first", async () => {
    const rows = await pageAll("days_since_contact", 3);
    expect(rows).toHaveLength(10);
    // Nobody in this fixture was ever contacted: all tie, and the id decides (descending).
    expect(rows.every((r) => r.details.days_since_contact === null)).toBe(true);
    expect(rows.map((r) => r.labourerId)).toEqual(
      people
        .map((p) => p.id)
        .sort()
        .reverse(),
    );
  });

  it("offers the list's sorts and refuses others with a Chinese message on `sort`", async () => {
    const first = await json(await h.api.get(`${URL}?limit=1`, county));
    expect(first.body.sort).toBe("newest");
    expect(first.body.list.sorts.map((s: any) => s.id)).toEqual([
      "newest",
      "oldest",
      "region",
      "days_since_push",
      "days_since_contact",
    ]);
    const bogus = await json(await h.api.get(`${URL}?sort=bogus`, county));
    expect(bogus.status).toBe(400);
    expect(bogus.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "sort" });
    expect(bogus.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const other = await json(await h.api.get(`${URL}?sort=days_waiting`, county));
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "sort" });
    expect(other.body.error.message).toContain("距上次推送天数");
    // A cursor written for one sort is refused by another.
    const mixed = await json(
      await h.api.get(`${URL}?sort=region&limit=1&cursor=${first.body.nextCursor}`, county),
    );
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "cursor" });
  });
});
