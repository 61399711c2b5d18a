import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { outbox } from "../../../db/schema/outbox";
import { recommendationRounds } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { createCadreDigests } from "../../../src/modules/recommendations/digest";
import { requestDueRounds } from "../../../src/modules/recommendations/schedule";
import { createHarness, type Harness, json } from "../../support/harness";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

/** A trained labourer whose round `round` was stored `daysAgo` days ago (rows written directly). */
async function withRound(round: number, daysAgo: number, fields: Record<string, unknown> = {}) {
  const labourer = await makeLabourer(h, {
    villageCode: VILLAGES.gongcheng,
    workIntention: "local",
    ...fields,
  });
  const course = await makeCourse(h, { countyCode: "450332" });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S-${enrolment.id.slice(0, 8)}`, resultDate: "2026-11-01" },
      await h.as.bureau("450332"),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  await h.deps.db.insert(recommendationRounds).values({
    labourerId: labourer.id,
    enrolmentId: enrolment.id,
    round,
    trigger: "training_passed",
    outcome: "complete",
    picked: 3,
    createdAt: new Date(Date.now() - daysAgo * DAY),
  });
  return { labourer, enrolment };
}

const requested = async (enrolmentId: string) =>
  (
    await h.deps.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.aggregateId, enrolmentId), eq(outbox.type, "recommendation.round-requested")),
      )
  ).map((r) => (r.payload as { round: number }).round);

describe("repeat rounds while a trained labourer is still unemployed", () => {
  it("asks for the next round once the interval has passed, and not before", async () => {
    const due = await withRound(1, 8);
    const fresh = await withRound(1, 2);
    await requestDueRounds(systemCtx(h.deps));
    expect(await requested(due.enrolment.id)).toEqual([2]);
    expect(await requested(fresh.enrolment.id)).toEqual([]);
  });

  it("stops at MAX_ROUNDS, and for people who found work or want none", async () => {
    const last = await withRound(h.config.MAX_ROUNDS, 30);
    const employed = await withRound(1, 30);
    await h.deps.db
      .update(labourers)
      .set({ employmentStatus: "local" })
      .where(eq(labourers.id, employed.labourer.id));
    const unwilling = await withRound(1, 30);
    await h.deps.db
      .update(labourers)
      .set({ workIntention: "none" })
      .where(eq(labourers.id, unwilling.labourer.id));
    await requestDueRounds(systemCtx(h.deps));
    expect(await requested(last.enrolment.id)).toEqual([]);
    expect(await requested(employed.enrolment.id)).toEqual([]);
    expect(await requested(unwilling.enrolment.id)).toEqual([]);
  });
});

describe("cadre digest", () => {
  it("sends each cadre one message a day about their people's rounds", async () => {
    const cadre = await h.as.cadre("450332");
    const { labourer } = await withRound(1, 0.1, {
      name: "黄小梅",
      assignedCadreUserId: cadre.userId,
    });
    const first = await createCadreDigests(systemCtx(h.deps));
    expect(first.digests).toBeGreaterThanOrEqual(1);
    const rows = await h.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "cadre_digest"), eq(notifications.userId, cadre.userId)));
    expect(rows).toHaveLength(1);
    expect((rows[0]!.content as { text: string }).text).toContain("黄小梅");
    const queued = await h.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.type, "notification.created"), eq(outbox.aggregateId, rows[0]!.id)));
    expect(queued).toHaveLength(1);

    await createCadreDigests(systemCtx(h.deps));
    const again = await h.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "cadre_digest"), eq(notifications.userId, cadre.userId)));
    expect(again).toHaveLength(1);
    expect(labourer.id).toBeTruthy();
  });
});
