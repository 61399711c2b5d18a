import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { buildCounty } from "./scenario";

/**
 * DATABASE_READ_URL (docs/MONITORING.md, "Read connection"): the same server under another URL
 * form (localhost instead of 127.0.0.1) with `default_transaction_read_only=on`, so anything the
 * stats module wrote through it would fail. Postgres itself says which connection ran what:
 * pg_stat_activity shows the read pool's backends (application_name gangtong-read) and the last
 * statement each ran.
 */
let h: Harness;
let county: AuthAs;
let s: Awaited<ReturnType<typeof buildCounty>>;

beforeAll(async () => {
  h = await createHarness({
    readDatabaseUrl: (u) => {
      const url = new URL(u);
      url.hostname = "localhost";
      url.searchParams.set("default_transaction_read_only", "on");
      return url.toString();
    },
  });
  s = await buildCounty(h);
  county = await h.as.bureau("450332");
});
afterAll(async () => {
  await h?.close();
});

/** The server's clock, to compare with pg_stat_activity.state_change. */
async function serverNow(): Promise<string> {
  const [r] = await h.deps.db.execute<{ t: string }>(sql`select clock_timestamp()::text as t`);
  return r!.t;
}

/** The last statements the read pool's backends ran after `since`, on this file's database. */
async function readQueriesSince(since: string): Promise<string[]> {
  const rows = await h.deps.db.execute<{ query: string }>(
    sql`select query from pg_stat_activity
        where datname = current_database() and application_name = 'gangtong-read'
          and state_change > ${since}::timestamptz`,
  );
  return rows.map((r) => r.query);
}

describe("monitoring reads on DATABASE_READ_URL", () => {
  it("is a separate, read-only connection to the same data", async () => {
    expect(h.deps.readDb).not.toBe(h.deps.db);
    const [ro] = await h.deps.readDb.execute<{ v: string }>(
      sql`select current_setting('default_transaction_read_only') as v`,
    );
    expect(ro!.v).toBe("on");
    // 25006 read_only_sql_transaction: a write through it fails.
    await expect(
      h.deps.readDb.execute(sql`update labourers set name = name where false`),
    ).rejects.toMatchObject({ cause: { code: "25006" } });
  });

  it("serves the summary, the lists and the exports from the read connection", async () => {
    let t = await serverNow();
    const summary = await json(await h.api.get("/api/v1/stats/summary", county));
    expect(summary.status).toBe(200);
    expect(summary.body.total.values["households.zero_employment"][""]).toBe(2);
    expect((await readQueriesSince(t)).join("\n")).toContain("sum(s.v)");

    t = await serverNow();

    const list = await json(await h.api.get("/api/v1/stats/warnings/returned?sort=region", county));
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.labourerId)).toEqual([s.a4.id]);
    expect((await readQueriesSince(t)).join("\n")).toMatch(/sort_key|regions/);

    t = await serverNow();

    const xlsx = await h.api.get(
      "/api/v1/stats/exports/warnings/zero_employment_households",
      county,
    );
    expect(xlsx.status).toBe(200);
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await readQueriesSince(t)).join("\n")).toMatch(/sort_key|regions/);
  });

  it("counts the weekly snapshot on the read connection and writes it to the primary", async () => {
    const { takeWeeklySnapshot } = await import("../../../src/modules/stats/snapshot");
    const { systemCtx } = await import("../../../src/lib/ctx");
    const t = await serverNow();
    const ran = await takeWeeklySnapshot(systemCtx(h.deps), {});
    expect(ran.rows).toBeGreaterThan(0);
    const [n] = await h.deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from stats_snapshots where week_start = ${ran.weekStart}::date`,
    );
    expect(n!.n).toBe(ran.rows);
    // The counting transaction ran on the read pool (its last statement is the commit).
    expect((await readQueriesSince(t)).length).toBeGreaterThan(0);
    // The same week counted on the primary alone gives the same rows.
    const again = await takeWeeklySnapshot(
      { ...systemCtx(h.deps), readDb: h.deps.db },
      {
        weekStart: ran.weekStart,
      },
    );
    expect(again.rows).toBe(ran.rows);
  });
});
