import type { Worker } from "bullmq";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { outbox } from "../../../db/schema/outbox";
import { employments } from "../../../db/schema/placement";
import { notifications, recommendationRounds } from "../../../db/schema/recommendations";
import { employmentCheckIns } from "../../../db/schema/retention";
import { systemCtx } from "../../../src/lib/ctx";
import { createLogger } from "../../../src/lib/logger";
import { devSinkNotifier } from "../../../src/modules/notifications/notifier";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { requestDueRounds } from "../../../src/modules/recommendations/schedule";
import { runRetentionSweep } from "../../../src/modules/retention/sweep";
import { startNotifyWorker } from "../../../workers/notify";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { moves, openPosting, today, trainedPerson } from "../applications/factory";
import { waitIndexed } from "../jobs/factory";

const sink = devSinkNotifier(createLogger("silent"));
let h: Harness;
let notify: Worker;
beforeAll(async () => {
  h = await createHarness({ sync: true, overrides: { notifier: sink } });
  notify = startNotifyWorker(h.deps);
});
afterAll(async () => {
  await notify?.close();
  await h?.close();
});

const DAY = 86_400_000;

describe("trained → recommended → applied → accepted → hired in Shenzhen → employed → checked in", () => {
  it("walks the whole loop: employed outside Guangxi, no further scheduled rounds, day-7 check-in pushed and answered, 不在了 on day 30 makes the person eligible again", async () => {
    // Three Guangdong cooperation postings in 深圳宝安 (4403), indexed before anyone is matched.
    const postings: Awaited<ReturnType<typeof openPosting>>[] = [];
    for (let i = 0; i < 3; i++) {
      postings.push(
        await openPosting(h, {
          channel: "gd_gx",
          headcount: 10,
          fields: { occupation: "育婴员", title: `深圳育婴员 ${i}`, regionCode: "440306" },
        }),
      );
    }
    for (const p of postings) await waitIndexed(h, p.job.id);
    const p = await trainedPerson(h, {
      workIntention: "out_province",
      preferredCityCodes: ["4403"],
      skills: [],
      contactConsent: true,
    });

    // A real round, as the recommend worker runs it.
    await runRecommendationRound(systemCtx(h.deps), { enrolmentId: p.enrolment.id, round: 1 });
    const staff = await h.as.bureau("450332");
    const recs = await json(
      await h.api.get(`/api/v1/labourers/${p.labourer.id}/recommendations`, staff),
    );
    const items = recs.body.rounds[0].items as { id: string; job: { id: string } }[];
    const picked = items.find((i) => postings.some((x) => x.job.id === i.job.id));
    expect(picked, JSON.stringify(recs.body)).toBeDefined();
    const posting = postings.find((x) => x.job.id === picked!.job.id)!;

    // The labourer applies from the recommendation (feedback `applied` is the application).
    const fb = await json(
      await h.api.post(
        `/api/v1/recommendations/${picked!.id}/feedback`,
        { action: "applied" },
        p.as,
      ),
    );
    expect(fb.status, JSON.stringify(fb.body)).toBe(200);
    const mine = await json(await h.api.get("/api/v1/applications/mine", p.as));
    const app = mine.body.items[0];
    expect(app).toMatchObject({ status: "submitted", job: { id: posting.job.id } });

    // The employer views, accepts, hires.
    await moves(h, posting.as, app.id, { to: "viewed" }, { to: "accepted" });
    const start = today();
    const hired = await json(
      await h.api.post(
        `/api/v1/applications/${app.id}/moves`,
        { to: "hired", startDate: start, wageFen: 520_000, wageUnit: "month" },
        posting.as,
      ),
    );
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    const employmentId = hired.body.employmentId;

    const record = await json(await h.api.get(`/api/v1/employments/${employmentId}`, staff));
    expect(record.status, JSON.stringify(record.body)).toBe(200);
    expect(record.body).toMatchObject({
      labourerId: p.labourer.id,
      source: "application",
      jobId: posting.job.id,
      employerId: posting.employer.id,
      channel: "gd_gx",
      regionCode: "440306",
      outsideGuangxi: true,
      startDate: start,
      wage: { fen: 520_000, unit: "month" },
      confirmed: true,
      confirmedRole: "employer",
    });
    const [stored] = await h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.id, employmentId));
    expect(stored!.confirmedBy).toBe(posting.as.userId);

    const [person] = await h.deps.db
      .select()
      .from(labourers)
      .where(eq(labourers.id, p.labourer.id));
    expect(person).toMatchObject({ employmentStatus: "out_province", employmentSince: start });

    // Employed: the round scheduler asks for no further round, even once the interval has passed.
    await h.deps.db
      .update(recommendationRounds)
      .set({ createdAt: new Date(Date.now() - 30 * DAY) })
      .where(eq(recommendationRounds.labourerId, p.labourer.id));
    const roundRequests = () =>
      h.deps.db.$count(
        outbox,
        and(
          eq(outbox.type, "recommendation.round-requested"),
          eq(outbox.aggregateId, p.enrolment.id),
        ),
      );
    await requestDueRounds(systemCtx(h.deps));
    expect(await roundRequests()).toBe(0);

    // Day 7: the daily sweep asks the labourer, through the notify pipeline, and they answer 在.
    await runRetentionSweep(systemCtx(h.deps), new Date(Date.now() + 7 * DAY + 60_000));
    const [checkIn] = await h.deps.db
      .select()
      .from(employmentCheckIns)
      .where(eq(employmentCheckIns.employmentId, employmentId));
    expect(checkIn).toMatchObject({ dayOffset: 7, status: "pending", recipient: "labourer" });
    const [push] = await eventually(async () => {
      const rows = await h.deps.db
        .select()
        .from(notifications)
        .where(eq(notifications.subjectKey, checkIn!.id));
      return rows[0]?.status === "delivered" ? rows : undefined;
    }, 20_000);
    const sent = sink.sent.filter((m) => m.ref === push!.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("还在这里工作吗？");
    const pending = await json(await h.api.get("/api/v1/check-ins/mine?status=pending", p.as));
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([checkIn!.id]);
    const stay = await json(
      await h.api.post(
        `/api/v1/employments/${employmentId}/check-ins/${checkIn!.id}/answer`,
        { answer: "still_working" },
        p.as,
      ),
    );
    expect(stay.status, JSON.stringify(stay.body)).toBe(200);
    expect(stay.body).toMatchObject({ status: "answered", answerLabel: "在" });
    const [still] = await h.deps.db.select().from(labourers).where(eq(labourers.id, p.labourer.id));
    expect(still!.employmentStatus).toBe("out_province");

    // Day 30: 不在了 ends the job through the same path as the end route; eligible again at once.
    await runRetentionSweep(systemCtx(h.deps), new Date(Date.now() + 30 * DAY + 60_000));
    const day30 = await json(await h.api.get("/api/v1/check-ins/mine?status=pending", p.as));
    expect(day30.body.items).toHaveLength(1);
    expect(day30.body.items[0]).toMatchObject({ dayOffset: 30 });
    const left = await json(
      await h.api.post(
        `/api/v1/employments/${employmentId}/check-ins/${day30.body.items[0].id}/answer`,
        { answer: "left", reason: "quit" },
        p.as,
      ),
    );
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    const [after] = await h.deps.db.select().from(labourers).where(eq(labourers.id, p.labourer.id));
    expect(after).toMatchObject({ employmentStatus: "unemployed", employmentSince: start });
    const [endedRecord] = await h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.id, employmentId));
    expect(endedRecord).toMatchObject({ endDate: start, endReason: "quit" });
    await requestDueRounds(systemCtx(h.deps));
    expect(await roundRequests()).toBe(1);
  });
});
