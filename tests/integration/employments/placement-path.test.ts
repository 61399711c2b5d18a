import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { outbox } from "../../../db/schema/outbox";
import { employments } from "../../../db/schema/placement";
import { recommendationRounds } from "../../../db/schema/recommendations";
import { systemCtx } from "../../../src/lib/ctx";
import { runRecommendationRound } from "../../../src/modules/recommendations/round";
import { requestDueRounds } from "../../../src/modules/recommendations/schedule";
import { createHarness, type Harness, json } from "../../support/harness";
import { moves, openPosting, today, trainedPerson } from "../applications/factory";
import { waitIndexed } from "../jobs/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

describe("trained → recommended → applied → accepted → hired in Shenzhen → employed", () => {
  it("walks the whole loop and the labourer ends up employed outside Guangxi, with no further scheduled rounds", async () => {
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

    // Losing the job makes the person eligible again.
    const ended = await json(
      await h.api.post(
        `/api/v1/employments/${employmentId}/end`,
        { endDate: start, reason: "quit" },
        posting.as,
      ),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const [after] = await h.deps.db.select().from(labourers).where(eq(labourers.id, p.labourer.id));
    expect(after).toMatchObject({ employmentStatus: "unemployed", employmentSince: start });
    await requestDueRounds(systemCtx(h.deps));
    expect(await roundRequests()).toBe(1);
  });
});
