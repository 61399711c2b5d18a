import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  findTransition,
  TRANSITIONS,
} from "../../../src/modules/applications/rules";
import { type AuthAs, createHarness, type Harness } from "../../support/harness";
import { apply, eventsOf, move, moves, openPosting, person, today } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A legal path from submitted to each state, as (who, body) steps. */
type By = "employer" | "labourer" | "bureau";
const PATHS: Record<ApplicationStatus, { by: By; body: Record<string, unknown> }[]> = {
  submitted: [],
  viewed: [{ by: "employer", body: { to: "viewed" } }],
  accepted: [{ by: "employer", body: { to: "accepted" } }],
  rejected: [{ by: "employer", body: { to: "rejected", reason: "not_qualified" } }],
  withdrawn: [{ by: "labourer", body: { to: "withdrawn", reason: "found_other_job" } }],
  hired: [
    { by: "employer", body: { to: "accepted" } },
    { by: "employer", body: { to: "hired", startDate: today() } },
  ],
  no_show: [
    { by: "employer", body: { to: "accepted" } },
    { by: "employer", body: { to: "no_show" } },
  ],
  hire_rejected: [
    { by: "employer", body: { to: "accepted" } },
    { by: "employer", body: { to: "hired", startDate: today() } },
    { by: "bureau", body: { to: "hire_rejected", reason: "not_started" } },
  ],
};

/** The body for a move to `to`, sent by the one the table would allow (the employer for all but withdrawn and hire_rejected). */
function attempt(to: ApplicationStatus): { by: By; body: Record<string, unknown> } {
  if (to === "hire_rejected") return { by: "bureau", body: { to, reason: "no_proof" } };
  if (to === "withdrawn") return { by: "labourer", body: { to, reason: "changed_mind" } };
  if (to === "rejected") return { by: "employer", body: { to, reason: "not_qualified" } };
  if (to === "hired") return { by: "employer", body: { to, startDate: today() } };
  return { by: "employer", body: { to } };
}

async function applicationIn(state: ApplicationStatus) {
  const posting = await openPosting(h, { headcount: 50 });
  const p = await person(h);
  const app = await apply(h, p.as, posting.job.id);
  const as = {
    employer: posting.as,
    labourer: p.as,
    bureau: await h.as.bureau("450332"),
  } as Record<By, AuthAs>;
  for (const step of PATHS[state]) await moves(h, as[step.by], app.id, step.body);
  return { app, as };
}

describe("the state table", () => {
  const illegal = APPLICATION_STATUSES.flatMap((from) =>
    APPLICATION_STATUSES.filter((to) => !findTransition(from, to)).map((to) => [from, to] as const),
  );

  it("has eleven legal moves; every other pair is illegal", () => {
    expect(TRANSITIONS).toHaveLength(11);
    expect(illegal).toHaveLength(64 - 11);
  });

  it.each(
    APPLICATION_STATUSES,
  )("from %s every illegal move is 409 APPLICATION_STATE_CONFLICT naming the current state", async (from) => {
    const { app, as } = await applicationIn(from);
    for (const [, to] of illegal.filter(([f]) => f === from)) {
      const a = attempt(to);
      const res = await move(h, as[a.by], app.id, a.body);
      expect(res.status, `${from} → ${to}: ${JSON.stringify(res.body)}`).toBe(409);
      expect(res.body.error.code).toBe("APPLICATION_STATE_CONFLICT");
      expect(res.body.error.details.current).toBe(from);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.error.message).toContain(res.body.error.details.currentLabel);
    }
    const events = await eventsOf(h, app.id);
    expect(events.at(-1)!.toStatus).toBe(from);
  });

  it("stores every move with who, from, to and the reason", async () => {
    const { app, as } = await applicationIn("submitted");
    await moves(
      h,
      as.employer,
      app.id,
      { to: "viewed" },
      { to: "rejected", reason: "other", note: "已招到本村人员" },
    );
    const events = await eventsOf(h, app.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorRole, e.reason, e.note])).toEqual([
      [null, "submitted", "labourer", null, null],
      ["submitted", "viewed", "employer", null, null],
      ["viewed", "rejected", "employer", "other", "已招到本村人员"],
    ]);
  });

  it("a move by the wrong party is refused: the labourer cannot accept, the employer cannot withdraw", async () => {
    const { app, as } = await applicationIn("submitted");
    const accept = await move(h, as.labourer, app.id, { to: "accepted" });
    expect(accept.status).toBe(403);
    const withdraw = await move(h, as.employer, app.id, {
      to: "withdrawn",
      reason: "changed_mind",
    });
    expect(withdraw.status).toBe(403);
    expect(await eventsOf(h, app.id)).toHaveLength(1);
  });

  it("reasons: rejection and withdrawal need one from their own list; `other` needs a note", async () => {
    const { app, as } = await applicationIn("submitted");
    const none = await move(h, as.employer, app.id, { to: "rejected" });
    expect(none.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const wrongList = await move(h, as.employer, app.id, {
      to: "rejected",
      reason: "found_other_job",
    });
    expect(wrongList.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });
    const other = await move(h, as.labourer, app.id, { to: "withdrawn", reason: "other" });
    expect(other.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "note" });
  });

  it("staff in the person's county may withdraw for them", async () => {
    const { app } = await applicationIn("viewed");
    const res = await move(h, await h.as.cadre("450332"), app.id, {
      to: "withdrawn",
      reason: "family",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.application.status).toBe("withdrawn");
  });

  it("two concurrent moves on one application: exactly one wins, the other sees the new state", async () => {
    const { app, as } = await applicationIn("viewed");
    const [accept, withdraw] = await Promise.all([
      move(h, as.employer, app.id, { to: "accepted" }),
      move(h, as.labourer, app.id, { to: "withdrawn", reason: "changed_mind" }),
    ]);
    const statuses = [accept.status, withdraw.status].sort();
    // accepted → withdrawn is legal, so both may succeed in the order accept, withdraw; never both from `viewed`.
    const events = await eventsOf(h, app.id);
    const fromViewed = events.filter((e) => e.fromStatus === "viewed");
    expect(fromViewed, JSON.stringify([accept.body, withdraw.body])).toHaveLength(1);
    expect(statuses[0]).toBe(200);
  });

  it("two concurrent rejections: one 200, one 409", async () => {
    const { app, as } = await applicationIn("viewed");
    const [a, b] = await Promise.all([
      move(h, as.employer, app.id, { to: "rejected", reason: "not_qualified" }),
      move(h, as.employer, app.id, { to: "rejected", reason: "age_mismatch" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await eventsOf(h, app.id)).filter((e) => e.toStatus === "rejected")).toHaveLength(1);
  });
});
