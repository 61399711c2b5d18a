import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employments } from "../../../db/schema/placement";
import { statsSnapshotRuns, statsSnapshots } from "../../../db/schema/stats";
import { chinaDate } from "../../../src/lib/china-time";
import { systemCtx } from "../../../src/lib/ctx";
import {
  lastEndedWeek,
  mondayOf,
  takeWeeklySnapshot,
  weekAsOf,
} from "../../../src/modules/stats/snapshot";
import { requestSnapshot } from "../../../src/queue/stats";
import { startStatsWorker } from "../../../workers/stats";
import { type AuthAs, createHarness, eventually, type Harness, json } from "../../support/harness";
import { insertEmployment, insertLabourer, LIANHUA } from "./fixture";
import { buildCounty } from "./scenario";

let h: Harness;
let county: AuthAs;
const thisWeek = mondayOf(chinaDate(new Date()));
const { asOf } = weekAsOf(thisWeek);
/** A clock a day after this week ends, so that this week (holding the fixture) can be snapshotted. */
const later = () => systemCtx({ ...h.deps, now: () => new Date(asOf.getTime() + 86_400_000) });

beforeAll(async () => {
  h = await createHarness();
  await buildCounty(h);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

async function snapshotOf(region: string, week: string) {
  const rows = await h.deps.db
    .select()
    .from(statsSnapshots)
    .where(and(eq(statsSnapshots.regionCode, region), eq(statsSnapshots.weekStart, week)));
  const v: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    v[r.figure] ??= {};
    v[r.figure]![r.key] = r.value;
  }
  return v;
}

describe("weekly snapshots", () => {
  it("week arithmetic: Monday-based China weeks, counted to the next Monday 00:00 China time", () => {
    expect(mondayOf("2026-12-02")).toBe("2026-11-30");
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2026-12-06")).toBe("2026-11-30");
    expect(weekAsOf("2026-11-30")).toEqual({
      asOf: new Date("2026-12-06T16:00:00Z"),
      day: "2026-12-06",
    });
    expect(lastEndedWeek(new Date("2026-12-02T04:00:00Z"))).toBe("2026-11-23");
  });

  it("stores every level with the live summary's numbers (one set of definitions)", async () => {
    const res = await takeWeeklySnapshot(later(), { weekStart: thisWeek });
    expect(res.rows).toBeGreaterThan(0);
    const live = await json(await h.api.get("/api/v1/stats/summary", county));
    expect(live.status).toBe(200);
    // Figures absent from the snapshot are zero: compare the non-empty ones.
    const nonEmpty = (v: Record<string, Record<string, number>>) =>
      Object.fromEntries(Object.entries(v).filter(([, k]) => Object.keys(k).length > 0));
    expect(await snapshotOf("450332", thisWeek)).toEqual(nonEmpty(live.body.total.values));
    for (const child of live.body.children)
      expect(await snapshotOf(child.code, thisWeek), child.code).toEqual(nonEmpty(child.values));
    // Villages, cities and the province are there too.
    expect((await snapshotOf("450332102201", thisWeek))["labourers.person_type"]).toEqual({
      tuopin: 3,
    });
    expect((await snapshotOf("45", thisWeek))["employed.kind"]?.out_province).toBe(2);
  });

  it("re-running a past week is idempotent: what happened after the week end does not count", async () => {
    const before = await h.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(statsSnapshots)
      .where(eq(statsSnapshots.weekStart, thisWeek));
    const first = await snapshotOf("450332", thisWeek);
    // After the week: a new person, and the unconfirmed job of a2 confirmed.
    const after = new Date(asOf.getTime() + 3_600_000);
    await insertLabourer(h, { name: "蒙小燕", villageCode: LIANHUA, createdAt: after });
    await h.deps.db
      .update(employments)
      .set({ confirmedAt: after, confirmedRole: "bureau" })
      .where(sql`${employments.confirmedAt} is null`);
    const late = await insertLabourer(h, { name: "龙大", villageCode: LIANHUA });
    await insertEmployment(h, { labourerId: late.id, confirmedAt: after });

    await takeWeeklySnapshot(later(), { weekStart: thisWeek });
    const again = await snapshotOf("450332", thisWeek);
    // `late` was registered inside the week (counted), his job confirmed after it (not counted).
    expect(again["labourers.person_type"]!.tuopin).toBe(
      first["labourers.person_type"]!.tuopin! + 1,
    );
    expect(again["employed.kind"]).toEqual(first["employed.kind"]);
    const count = await h.deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(statsSnapshots)
      .where(eq(statsSnapshots.weekStart, thisWeek));
    expect(count[0]!.n).toBeGreaterThanOrEqual(before[0]!.n);
    // The same inputs give the same rows.
    await takeWeeklySnapshot(later(), { weekStart: thisWeek });
    expect(await snapshotOf("450332", thisWeek)).toEqual(again);
    const runs = await h.deps.db
      .select()
      .from(statsSnapshotRuns)
      .where(eq(statsSnapshotRuns.weekStart, thisWeek));
    expect(runs).toHaveLength(1);
  });

  it("refuses a week that has not ended or is not a Monday", async () => {
    const ctx = systemCtx(h.deps);
    await expect(takeWeeklySnapshot(ctx, { weekStart: thisWeek })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(takeWeeklySnapshot(ctx, { weekStart: "2026-12-01" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("the worker takes a snapshot asked for on the queue; trends read them by week and month", async () => {
    const worker = await startStatsWorker(h.deps);
    try {
      const week = lastEndedWeek(new Date());
      await requestSnapshot(h.deps.queues, week);
      await eventually(async () => {
        const [run] = await h.deps.db
          .select()
          .from(statsSnapshotRuns)
          .where(eq(statsSnapshotRuns.weekStart, week));
        return run;
      }, 30_000);
    } finally {
      await worker.close();
    }
    const trend = await json(
      await h.api.get("/api/v1/stats/trend?figure=labourers.person_type&period=week", county),
    );
    expect(trend.status, JSON.stringify(trend.body)).toBe(200);
    expect(trend.body.points.map((p: any) => p.weekStart)).toEqual([
      lastEndedWeek(new Date()),
      thisWeek,
    ]);
    const last = trend.body.points.at(-1);
    expect(last.total).toBe(
      Object.values(last.values as Record<string, number>).reduce((a, b) => a + b, 0),
    );
    const monthly = await json(
      await h.api.get("/api/v1/stats/trend?figure=labourers.person_type&period=month", county),
    );
    expect(monthly.body.points.length).toBeGreaterThanOrEqual(1);
    expect(monthly.body.points.at(-1).weekStart).toBe(thisWeek);
    const denied = await json(
      await h.api.get("/api/v1/stats/trend?figure=labourers.person_type&region=450225", county),
    );
    expect(denied.status).toBe(403);
  });
});
