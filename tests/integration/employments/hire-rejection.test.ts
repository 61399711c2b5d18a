import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { outbox } from "../../../db/schema/outbox";
import { employments } from "../../../db/schema/placement";
import { recommendationRounds } from "../../../db/schema/recommendations";
import { employmentCheckIns } from "../../../db/schema/retention";
import { subsidyClaimEvents, subsidyClaims } from "../../../db/schema/subsidies";
import { systemCtx } from "../../../src/lib/ctx";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { requestDueRounds } from "../../../src/modules/recommendations/schedule";
import { runRetentionSweep } from "../../../src/modules/retention/sweep";
import { proposeForEmployment } from "../../../src/modules/subsidies/propose-batch";
import { createHarness, type Harness, json } from "../../support/harness";
import {
  apply,
  eventsOf,
  move,
  moves,
  openPosting,
  today,
  trainedPerson,
} from "../applications/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

/** A trained person hired in Shenzhen through the system: the employer's confirmed record. */
async function hiredInShenzhen() {
  const posting = await openPosting(h, {
    channel: "gd_gx",
    headcount: 5,
    fields: { regionCode: "440306" },
  });
  const p = await trainedPerson(h, { contactConsent: true, workIntention: "out_province" });
  const app = await apply(h, p.as, posting.job.id);
  await moves(h, posting.as, app.id, { to: "accepted" });
  const hired = await move(h, posting.as, app.id, { to: "hired", startDate: today() });
  expect(hired.status, JSON.stringify(hired.body)).toBe(200);
  return { posting, p, app, employmentId: hired.body.employmentId as string };
}

const personRow = async (id: string) =>
  (await h.deps.db.select().from(labourers).where(eq(labourers.id, id)))[0]!;

describe("不予确认: county staff do not confirm a hire the employer reported", () => {
  it("only the bureau of the person's county may: a cadre and the employer get 403, another county 404", async () => {
    const { posting, app } = await hiredInShenzhen();
    const body = { to: "hire_rejected", reason: "not_started" };
    const cadre = await move(h, await h.as.cadre("450332"), app.id, body);
    expect(cadre.status).toBe(403);
    expect(cadre.body.error.message).toContain("人社部门");
    expect((await move(h, posting.as, app.id, body)).status).toBe(403);
    const other = await move(h, await h.as.bureau("450330"), app.id, body);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe("APPLICATION_NOT_FOUND");
    expect((await eventsOf(h, app.id)).at(-1)!.toStatus).toBe("hired");
  });

  it("needs a reason from its own list; `other` needs a note", async () => {
    const { app } = await hiredInShenzhen();
    const bureau = await h.as.bureau("450332");
    const none = await move(h, bureau, app.id, { to: "hire_rejected" });
    expect(none.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const wrong = await move(h, bureau, app.id, { to: "hire_rejected", reason: "too_far" });
    expect(wrong.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const other = await move(h, bureau, app.id, { to: "hire_rejected", reason: "other" });
    expect(other.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "note" });
  });

  it("the record stops counting, the person is unemployed and asked for a round again, the subsidy proposal is withdrawn, check-ins close", async () => {
    const { posting, p, app, employmentId } = await hiredInShenzhen();
    const sys = systemCtx(h.deps);
    // Before: employed outside Guangxi, a transport subsidy proposed (免申即享), a day-7 check-in asked.
    expect((await personRow(p.labourer.id)).employmentStatus).toBe("out_province");
    const proposed = await proposeForEmployment(sys, employmentId);
    const claimId = proposed.find((x) => x.claimId)?.claimId;
    expect(claimId, JSON.stringify(proposed)).toBeDefined();
    await runRetentionSweep(sys, new Date(Date.now() + 7 * DAY + 60_000));
    const [asked] = await h.deps.db
      .select()
      .from(employmentCheckIns)
      .where(eq(employmentCheckIns.employmentId, employmentId));
    expect(asked?.status).toBe("pending");
    await runRecommendationRound(sys, { enrolmentId: p.enrolment.id, round: 1 });
    await h.deps.db
      .update(recommendationRounds)
      .set({ createdAt: new Date(Date.now() - 30 * DAY) })
      .where(eq(recommendationRounds.labourerId, p.labourer.id));

    const bureau = await h.as.bureau("450332");
    const res = await move(h, bureau, app.id, {
      to: "hire_rejected",
      reason: "person_denies",
      note: "电话联系本人，本人说没有去该厂上班",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      application: { status: "hire_rejected", statusLabel: "录用未获核实" },
      employmentId,
    });
    const ev = (await eventsOf(h, app.id)).at(-1)!;
    expect([ev.fromStatus, ev.toStatus, ev.actorRole, ev.reason]).toEqual([
      "hired",
      "hire_rejected",
      "bureau",
      "person_denies",
    ]);

    // The record: no longer confirmed; who, when and why kept.
    const view = await json(await h.api.get(`/api/v1/employments/${employmentId}`, bureau));
    expect(view.body).toMatchObject({
      confirmed: false,
      confirmedAt: null,
      rejected: true,
      rejectionReason: "person_denies",
      rejectionNote: "电话联系本人，本人说没有去该厂上班",
    });
    const [stored] = await h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.id, employmentId));
    expect(stored!.rejectedBy).toBe(bureau.userId);

    // The person: unemployed again, so the round scheduler asks for their next round.
    expect((await personRow(p.labourer.id)).employmentStatus).toBe("unemployed");
    await requestDueRounds(sys);
    expect(
      await h.deps.db.$count(
        outbox,
        and(
          eq(outbox.type, "recommendation.round-requested"),
          eq(outbox.aggregateId, p.enrolment.id),
        ),
      ),
    ).toBe(1);

    // The subsidy proposal: rejected through the claim state table, with its event.
    const [claim] = await h.deps.db
      .select()
      .from(subsidyClaims)
      .where(eq(subsidyClaims.id, claimId!));
    expect(claim!.status).toBe("rejected");
    expect(claim!.reviewReason).toContain("本人否认在该单位工作");
    const claimEvents = await h.deps.db
      .select()
      .from(subsidyClaimEvents)
      .where(eq(subsidyClaimEvents.claimId, claimId!));
    expect(claimEvents.map((e) => [e.fromStatus, e.toStatus, e.actorRole])).toContainEqual([
      "proposed",
      "rejected",
      "bureau",
    ]);
    // A later proposal for the record is refused: it is not confirmed any more.
    const again = await proposeForEmployment(sys, employmentId);
    expect(again.every((x) => !x.claimId || x.claimId === claimId)).toBe(true);

    // The check-in closes; the sweep asks nothing more about the record.
    const checkIns = await h.deps.db
      .select()
      .from(employmentCheckIns)
      .where(eq(employmentCheckIns.employmentId, employmentId));
    expect(checkIns.map((c) => c.status)).toEqual(["closed"]);
    await runRetentionSweep(sys, new Date(Date.now() + 30 * DAY + 60_000));
    expect(
      await h.deps.db.$count(employmentCheckIns, eq(employmentCheckIns.employmentId, employmentId)),
    ).toBe(1);

    // The labourer and their cadre are told; the slot is free: the person may apply again.
    const told = await h.deps.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.labourerId, p.labourer.id),
          eq(notifications.subjectKey, String(ev.id)),
        ),
      );
    expect(told.map((n) => n.kind).sort()).toContain("application");
    const again2 = await json(
      await h.api.post("/api/v1/applications", { jobId: posting.job.id, source: "search" }, p.as),
    );
    expect(again2.status, JSON.stringify(again2.body)).toBe(201);

    // Twice is a state conflict naming the current state.
    const twice = await move(h, bureau, app.id, { to: "hire_rejected", reason: "duplicate" });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({
      code: "APPLICATION_STATE_CONFLICT",
      details: { current: "hire_rejected" },
    });
  });
});
