import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "../../../src/lib/ctx";
import { proposeStableRewards } from "../../../src/modules/subsidies/stable";
import { json } from "../../support/harness";
import { hiredOutside, submitAndCheck, subsidyHarness, subsidyPipeline } from "./factory";

let h: Awaited<ReturnType<typeof subsidyHarness>>;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  h = await subsidyHarness();
  pipeline = await subsidyPipeline(h);
});
afterAll(async () => {
  await pipeline?.stop();
  await h?.close();
  h?.cleanup();
});

/** YYYY-MM-DD `months` months before today (China time). */
function monthsAgo(months: number): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCMonth(d.getUTCMonth() - months);
  d.setUTCDate(Math.min(d.getUTCDate(), 28));
  return d.toISOString().slice(0, 10);
}

describe("a second programme configured through the API", () => {
  it("the 6-month stable-employment reward is proposed when a job outside Guangxi reaches 6 months", async () => {
    // Jobs confirmed before the programme exists: only the sweep can propose them.
    const seven = await hiredOutside(h, { startDate: monthsAgo(7) });
    const three = await hiredOutside(h, { startDate: monthsAgo(3) });
    const city = await h.as.bureau("4503");
    const made = await json(
      await h.api.post(
        "/api/v1/subsidy-programmes",
        {
          code: "stable_employment_reward",
          name: "稳定就业劳务补助",
          ruleType: "stable_employment",
        },
        city,
      ),
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const policy = await json(
      await h.api.post(
        "/api/v1/subsidy-programmes/stable_employment_reward/policies",
        { policyYear: 2020, minMonthsInWork: 6, minTickets: 0, defaultCapFen: 50_000 },
        city,
      ),
    );
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);

    const ctx = systemCtx(h.deps, "test");
    expect(await proposeStableRewards(ctx)).toEqual({ proposed: 1 });
    expect(await proposeStableRewards(ctx)).toEqual({ proposed: 0 });

    const claims = await json(await h.api.get("/api/v1/subsidy-claims", seven.as));
    const reward = claims.body.items.find(
      (c: { programme: { code: string } }) => c.programme.code === "stable_employment_reward",
    );
    expect(reward).toMatchObject({ status: "proposed", origin: "proposed" });
    const none = await json(await h.api.get("/api/v1/subsidy-claims", three.as));
    expect(
      none.body.items.some(
        (c: { programme: { code: string } }) => c.programme.code === "stable_employment_reward",
      ),
    ).toBe(false);

    const checked = await submitAndCheck(h, seven.as, reward.id);
    expect(checked).toMatchObject({ checkPassed: true, amountFen: 50_000 });
    expect(checked.findings.map((f: { code: string }) => f.code)).toContain("STABLE_MONTHS_OK");
  });
});
