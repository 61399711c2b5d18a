import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoEmployers } from "../../../db/seed/demo-employers";
import { seedDemoJobs } from "../../../db/seed/demo-jobs";
import { jobsIndex } from "../../../src/search/jobs-index";
import { createHarness, eventually, type Harness } from "../../support/harness";
import { searchIds } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

describe("seedDemoJobs", () => {
  it("posts every channel across Guangxi and Guangdong, idempotently, and they become searchable", async () => {
    await seedDemoEmployers(h.deps);
    const first = await seedDemoJobs(h.deps);
    expect(first.created).toBeGreaterThanOrEqual(30);
    expect(first.opened).toBeLessThan(first.created);
    expect(await seedDemoJobs(h.deps)).toEqual({ created: 0, opened: 0 });
    const byChannel = await h.deps.db.execute<{ channel: string; province: string; n: number }>(sql`
      select channel::text, left(region_code, 2) as province, count(*)::int as n from jobs where status = 'open' group by 1, 2 order by 1, 2`);
    expect([...byChannel].map((r) => `${r.channel}:${r.province}`)).toEqual([
      "enterprise:45",
      "gd_gx:44",
      "odd_job:45",
      "public_welfare:45",
      "workshop:45",
    ]);
    // Every opened posting reaches the index (the relay may split them over several batches).
    await eventually(
      async () => (await jobsIndex(h.deps.search).getStats()).numberOfDocuments === first.opened,
      20_000,
    );
    // …and the sync worker has confirmed every change, drafts included: until then a change older
    // than 10 s counts as index lag and search rightly answers degraded (seen on a loaded machine).
    await eventually(
      async () =>
        (await h.deps.db.execute(sql`select 1 from jobs where indexed_version <> version limit 1`))
          .length === 0,
      20_000,
    );
    const tea = await searchIds(h, `q=${encodeURIComponent("采茶")}`);
    expect(tea.ids.length).toBeGreaterThan(0);
    expect(tea.body.degraded).toBe(false);
    const shenzhen = await searchIds(h, `q=${encodeURIComponent("普工 深圳")}`);
    expect(shenzhen.body.items.map((i: { title: string }) => i.title)).toEqual([
      "深圳宝安电子厂普工（点对点接送）",
    ]);
  });
});
