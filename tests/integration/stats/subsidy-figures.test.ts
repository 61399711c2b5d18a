import { and, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsSnapshots } from "../../../db/schema/stats";
import { chinaDate } from "../../../src/lib/china-time";
import { systemCtx } from "../../../src/lib/ctx";
import { mondayOf, takeWeeklySnapshot, weekAsOf } from "../../../src/modules/stats/snapshot";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { buildSubsidyClaims, YEAR } from "./subsidy-fixture";

/** Transport-subsidy figures in monitoring (docs/MONITORING.md, `subsidy.*`); the fixture says what each number is. */
let h: Harness;
let county: AuthAs;
beforeAll(async () => {
  h = await createHarness();
  await buildSubsidyClaims(h);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

const COUNTY_CLAIMS = {
  proposed: 1,
  returned: 1,
  checked: 1,
  approved: 1,
  rejected: 1,
  paid: 1,
  payment_failed: 1,
};
const COUNTY_FEN = { checked: 45_000, approved: 55_000, paid: 60_000, payment_failed: 30_000 };

describe("transport subsidy figures", () => {
  it("counts the county's claims of this policy year by their state now, and sums their amounts in fen", async () => {
    const res = await json(await h.api.get("/api/v1/stats/summary", county));
    expect(res.status).toBe(200);
    const { total, children, figures } = res.body;
    expect(total.values["subsidy.claims"]).toEqual(COUNTY_CLAIMS);
    expect(total.values["subsidy.amount_fen"]).toEqual(COUNTY_FEN);
    const lianhua = children.find((c: { code: string }) => c.code === "450332102");
    const gongcheng = children.find((c: { code: string }) => c.code === "450332100");
    expect(lianhua.values["subsidy.claims"]).toEqual({ proposed: 1, approved: 1, paid: 1 });
    expect(lianhua.values["subsidy.amount_fen"]).toEqual({ approved: 55_000, paid: 60_000 });
    expect(gongcheng.values["subsidy.claims"]).toEqual({
      checked: 1,
      payment_failed: 1,
      rejected: 1,
      returned: 1,
    });
    expect(gongcheng.values["subsidy.amount_fen"]).toEqual({
      checked: 45_000,
      payment_failed: 30_000,
    });
    const fig = figures.find((f: { id: string }) => f.id === "subsidy.claims");
    expect(fig.label).toBe("交通补贴申领笔数（本政策年度，按状态）");
    expect(fig.keys).toContainEqual({ key: "paid", label: "已发放" });
  });

  it("is region-scoped: another county's officer is refused 恭城 and sees only their own claims", async () => {
    const rongshui = await h.as.bureau("450225");
    const denied = await json(await h.api.get("/api/v1/stats/summary?region=450332", rongshui));
    expect(denied.status).toBe(403);
    const own = await json(await h.api.get("/api/v1/stats/summary", rongshui));
    expect(own.body.total.values["subsidy.claims"]).toEqual({ paid: 1 });
    expect(own.body.total.values["subsidy.amount_fen"]).toEqual({ paid: 60_000 });
    const province = await json(
      await h.api.get("/api/v1/stats/summary?region=45", await h.as.admin()),
    );
    expect(province.body.total.values["subsidy.claims"]).toEqual({ ...COUNTY_CLAIMS, paid: 2 });
    expect(province.body.total.values["subsidy.amount_fen"]).toEqual({
      ...COUNTY_FEN,
      paid: 120_000,
    });
  });

  it("the XLSX summary export carries the same figures", async () => {
    const res = await h.api.get("/api/v1/stats/exports/summary", county);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const header = rows[0] as string[];
    const total = rows.find((r) => r[0] === "450332")!;
    const cell = (name: string) => total[header.indexOf(name)];
    expect(cell("交通补贴申领笔数（本政策年度，按状态）：已发放")).toBe(1);
    expect(cell("交通补贴申领笔数（本政策年度，按状态）：合计")).toBe(7);
    expect(cell("交通补贴核定金额（分，本政策年度，按状态）：审核通过待发放")).toBe(55_000);
    expect(cell("交通补贴核定金额（分，本政策年度，按状态）：合计")).toBe(190_000);
  });

  it("a weekly snapshot stores the same numbers at every level, with each claim's state at the week end", async () => {
    // A week ending in this policy year (the one before, when this week ends in the next year).
    const thisWeek = mondayOf(chinaDate(new Date()));
    const sameYear = Number(weekAsOf(thisWeek).day.slice(0, 4)) === YEAR;
    const week = sameYear
      ? thisWeek
      : chinaDate(new Date(Date.parse(`${thisWeek}T12:00:00+08:00`) - 7 * 86_400_000));
    const { asOf } = weekAsOf(week);
    const ctx = systemCtx({ ...h.deps, now: () => new Date(asOf.getTime() + 86_400_000) });
    await takeWeeklySnapshot(ctx, { weekStart: week });
    const at = async (region: string) => {
      const rows = await h.deps.db
        .select()
        .from(statsSnapshots)
        .where(
          and(
            eq(statsSnapshots.regionCode, region),
            eq(statsSnapshots.weekStart, week),
            like(statsSnapshots.figure, "subsidy.%"),
          ),
        );
      const v: Record<string, Record<string, number>> = {};
      for (const r of rows) v[r.figure] = { ...v[r.figure], [r.key]: r.value };
      return v;
    };
    expect(await at("450332")).toEqual({
      "subsidy.claims": COUNTY_CLAIMS,
      "subsidy.amount_fen": COUNTY_FEN,
    });
    expect((await at("450332102"))["subsidy.claims"]).toEqual({
      proposed: 1,
      approved: 1,
      paid: 1,
    });
    expect((await at("450332102201"))["subsidy.amount_fen"]).toEqual({
      approved: 55_000,
      paid: 60_000,
    });
    expect((await at("45"))["subsidy.amount_fen"]).toEqual({ ...COUNTY_FEN, paid: 120_000 });
    expect((await at("450225"))["subsidy.claims"]).toEqual({ paid: 1 });
  });
});
