import { eq } from "drizzle-orm";
import {
  subsidyClaimEvents,
  subsidyClaims,
  subsidyPolicies,
  subsidyProgrammes,
} from "../../../db/schema/subsidies";
import { chinaDate } from "../../../src/lib/china-time";
import type { Harness } from "../../support/harness";
import { GONGCHENG, insertEmployment, insertLabourer, LIANHUA, RONGSHUI } from "./fixture";

type Status = (typeof subsidyClaims.$inferInsert)["status"];

/** This China year: the policy year the live summary counts. */
export const YEAR = Number(chinaDate(new Date()).slice(0, 4));
const MIN = 60_000;
const DAY = 86_400_000;

/**
 * Transport-subsidy claims where every monitoring figure is known (docs/MONITORING.md,
 * `subsidy.*`). Each claim gets its state history as `subsidy_claim_events` rows `step` minutes
 * apart ending a few minutes ago; `status` on the row is the last move's, including one made
 * `lateMove` in the future (which no figure counted now may see).
 *
 * 恭城 450332 — 莲花镇: a proposed, b paid 600.00, g approved 550.00 (its `paid` move is 10
 * days ahead); 恭城镇: c checked 450.00, d payment_failed 300.00, e rejected (200.00 checked),
 * f returned (100.00 checked). Not counted for 恭城's policy year: h (融水, paid 600.00), i (last
 * year, paid 500.00), j (the stable-employment reward, approved 1 000.00), k (recorded 10 days
 * ahead).
 */
export async function buildSubsidyClaims(h: Harness, yearOf: { year: number } = { year: YEAR }) {
  const db = h.deps.db;
  const [transport] = await db
    .select()
    .from(subsidyProgrammes)
    .where(eq(subsidyProgrammes.code, "transport_subsidy"));
  const [policy] = await db
    .select()
    .from(subsidyPolicies)
    .where(eq(subsidyPolicies.programmeId, transport!.id));
  const [stable] = await db
    .insert(subsidyProgrammes)
    .values({ code: "stable_reward_test", name: "稳定就业奖补", ruleType: "stable_employment" })
    .returning();
  const [stablePolicy] = await db
    .insert(subsidyPolicies)
    .values({
      programmeId: stable!.id,
      policyYear: yearOf.year,
      version: 1,
      eligiblePersonTypes: ["tuopin"],
      defaultCapFen: 100_000,
      minMonthsInWork: 6,
      minTickets: 0,
      createdRole: "admin",
    })
    .returning();
  const now = Date.now();
  const claim = async (
    village: string,
    moves: Status[],
    o: { amountFen?: number; year?: number; stable?: boolean; lateMove?: Status; at?: number } = {},
  ) => {
    const l = await insertLabourer(h, { name: `申领人${moves.at(-1)}`, villageCode: village });
    const e = await insertEmployment(h, {
      labourerId: l.id,
      regionCode: "440306",
      outsideGuangxi: true,
    });
    const end = o.at ?? now - 5 * MIN;
    const times = moves.map((_, i) => new Date(end - (moves.length - 1 - i) * 10 * MIN));
    const [c] = await db
      .insert(subsidyClaims)
      .values({
        programmeId: o.stable ? stable!.id : transport!.id,
        policyId: o.stable ? stablePolicy!.id : policy!.id,
        policyYear: o.year ?? yearOf.year,
        labourerId: l.id,
        employmentId: e.id,
        villageCode: village,
        destinationCode: "440306",
        status: o.lateMove ?? moves.at(-1)!,
        origin: "proposed",
        amountFen: o.amountFen ?? null,
        createdAt: times[0]!,
      })
      .returning();
    const events = moves.map((to, i) => ({ to, at: times[i]! }));
    if (o.lateMove) events.push({ to: o.lateMove, at: new Date(now + 10 * DAY) });
    await db.insert(subsidyClaimEvents).values(
      events.map((ev, i) => ({
        claimId: c!.id,
        fromStatus: i === 0 ? null : events[i - 1]!.to,
        toStatus: ev.to,
        actorRole: "system",
        at: ev.at,
      })),
    );
    return c!;
  };
  const toChecked: Status[] = ["proposed", "submitted", "checked"];
  await claim(LIANHUA, ["proposed"]);
  await claim(LIANHUA, [...toChecked, "approved", "paid"], { amountFen: 60_000 });
  await claim(LIANHUA, [...toChecked, "approved"], { amountFen: 55_000, lateMove: "paid" });
  await claim(GONGCHENG, toChecked, { amountFen: 45_000 });
  await claim(GONGCHENG, [...toChecked, "approved", "payment_failed"], { amountFen: 30_000 });
  await claim(GONGCHENG, [...toChecked, "rejected"], { amountFen: 20_000 });
  await claim(GONGCHENG, [...toChecked, "returned"], { amountFen: 10_000 });
  await claim(RONGSHUI, [...toChecked, "approved", "paid"], { amountFen: 60_000 });
  await claim(LIANHUA, [...toChecked, "approved", "paid"], {
    amountFen: 50_000,
    year: yearOf.year - 1,
  });
  await claim(LIANHUA, ["proposed", "submitted", "checked", "approved"], {
    amountFen: 100_000,
    stable: true,
  });
  await claim(LIANHUA, ["proposed"], { at: now + 10 * DAY });
}
