import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "../../../src/lib/china-time";
import { systemCtx } from "../../../src/lib/ctx";
import { CURRENT_MAX_AGE_MS, refreshCurrentFigures } from "../../../src/modules/stats/current";
import { resolveStatsRegion } from "../../../src/modules/stats/region-access";
import { statsSummary } from "../../../src/modules/stats/service";
import { type Summary, summaryAt } from "../../../src/modules/stats/summary";
import { processStats } from "../../../workers/stats";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { insertLabourer, LIANHUA } from "./fixture";
import { buildCounty } from "./scenario";

/**
 * Precomputed current figures (docs/MONITORING.md): after a refresh, every summary (province,
 * city, and a county, township or village as large as STATS_LIVE_MAX_LABOURERS) reads
 * stats_current and equals the live count as of the refresh, "本级" rows included; a new person
 * shows there at the next refresh; a smaller region is counted live and shows them at once; a
 * refresh older than 20 minutes is not used.
 */
let h: Harness;
let admin: AuthAs;
let county: AuthAs;
let ran: { asOf: string; rows: number };

beforeAll(async () => {
  // Every region counts as large here (its summary precomputed); the size rule has its own test.
  h = await createHarness({ env: { STATS_LIVE_MAX_LABOURERS: "0" } });
  await buildCounty(h);
  admin = await h.as.admin();
  county = await h.as.bureau("450332");
  ran = (await processStats(h.deps)({ name: "refresh-current", data: {} } as never)) as never;
});
afterAll(async () => {
  await h?.close();
});

const adminCtx = (now?: () => Date) => ({
  ...systemCtx(h.deps),
  ...(now ? { now } : {}),
  actor: {
    kind: "user" as const,
    userId: "00000000-0000-4000-8000-000000000001",
    role: "admin" as const,
    regionCode: null,
    employerId: null,
    labourerId: null,
  },
});

async function liveAt(code: string, asOf: Date) {
  const ctx = adminCtx();
  const region = await resolveStatsRegion(ctx, code);
  return summaryAt(h.deps.db, region, { prefix: region.code, asOf, day: chinaDate(asOf) });
}

describe("precomputed current figures", () => {
  it("serves every level's summary from the refresh, equal to the live count at its instant", async () => {
    expect(ran.rows).toBeGreaterThan(0);
    // 450332102 莲花镇 holds a posting placed at township level only: its "本级" row.
    for (const code of ["45", "4503", "450332", "450332102", LIANHUA]) {
      const res = await json(await h.api.get(`/api/v1/stats/summary?region=${code}`, admin));
      expect(res.status).toBe(200);
      expect(res.body.source).toBe("precomputed");
      expect(res.body.asOf).toBe(ran.asOf);
      const live = await liveAt(code, new Date(ran.asOf));
      expect(res.body.total.values).toEqual(live.total.values);
      expect(res.body.total.ratios).toEqual(live.total.ratios);
      expect(res.body.children.map((c: any) => [c.code, c.values])).toEqual(
        live.children.map((c) => [c.code, c.values]),
      );
    }
    const zero = (await json(await h.api.get("/api/v1/stats/summary?region=4503", admin))).body;
    expect(zero.total.values["households.zero_employment"][""]).toBe(2);
  });

  it("shows a county officer the refresh's figures, and a new person at the next refresh", async () => {
    const people = async () => {
      const c = await json(await h.api.get("/api/v1/stats/summary", county));
      expect(c.status).toBe(200);
      expect(c.body.source).toBe("precomputed");
      const v: Record<string, number> = c.body.total.values["labourers.person_type"];
      return { asOf: c.body.asOf as string, n: Object.values(v).reduce((a, b) => a + b, 0) };
    };
    const before = await people();
    await insertLabourer(h, { name: "新登记", villageCode: LIANHUA, workIntention: "local" });
    expect(await people()).toEqual(before);
    const again = (await processStats(h.deps)({ name: "refresh-current", data: {} } as never)) as {
      asOf: string;
    };
    ran = { ...ran, asOf: again.asOf };
    expect(await people()).toEqual({ asOf: again.asOf, n: before.n + 1 });
  });

  it("counts a county smaller than STATS_LIVE_MAX_LABOURERS live: a new person shows at once", async () => {
    const sized = (max: number) => ({
      ...adminCtx(),
      config: { ...h.deps.config, STATS_LIVE_MAX_LABOURERS: max },
    });
    const people = (s: Summary) =>
      Object.values(s.total.values["labourers.person_type"]!).reduce((a, b) => a + b, 0);
    const atRefresh = await statsSummary(sized(0), { region: "450332" });
    expect(atRefresh.source).toBe("precomputed");
    const n = people(atRefresh);
    // As large as the threshold: precomputed; one person smaller: live.
    expect((await statsSummary(sized(n), { region: "450332" })).source).toBe("precomputed");
    const live = await statsSummary(sized(n + 1), { region: "450332" });
    expect(live.source).toBe("live");
    await insertLabourer(h, { name: "再登记", villageCode: LIANHUA, workIntention: "local" });
    const after = await statsSummary(sized(n + 1), { region: "450332" });
    expect(after.source).toBe("live");
    expect(people(after)).toBe(people(live) + 1);
    // The city stays precomputed whatever the threshold.
    expect((await statsSummary(sized(1_000_000), { region: "4503" })).source).toBe("precomputed");
  });

  it("falls back to live counting when the refresh is older than 20 minutes", async () => {
    const later = new Date(Date.parse(ran.asOf) + CURRENT_MAX_AGE_MS + 60_000);
    const ctx = adminCtx(() => later);
    const s = await statsSummary(ctx, { region: "45" });
    expect(s.source).toBe("live");
    expect(s.asOf).toBe(later.toISOString());
    const again = await refreshCurrentFigures(ctx);
    expect((await statsSummary(ctx, { region: "45" })).asOf).toBe(again.asOf);
  });
});
