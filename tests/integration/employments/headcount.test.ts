import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../../db/schema/jobs";
import { outbox } from "../../../db/schema/outbox";
import { applications, employments } from "../../../db/schema/placement";
import { createHarness, type Harness, json } from "../../support/harness";
import { apply, move, moves, openPosting, person, today } from "../applications/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

async function acceptedApplicants(n: number, headcount: number) {
  const posting = await openPosting(h, { headcount });
  const apps = [];
  for (let i = 0; i < n; i++) {
    const p = await person(h);
    const app = await apply(h, p.as, posting.job.id);
    await moves(h, posting.as, app.id, { to: "accepted" });
    apps.push(app);
  }
  return { posting, apps };
}

const upserts = (jobId: string) =>
  h.deps.db.$count(outbox, and(eq(outbox.type, "job.upserted"), eq(outbox.aggregateId, jobId)));

describe("hiring within the headcount", () => {
  it("refuses a hire beyond the headcount, and the posting becomes filled and leaves the index", async () => {
    const { posting, apps } = await acceptedApplicants(3, 2);
    const before = await upserts(posting.job.id);
    for (const app of apps.slice(0, 2)) {
      const res = await move(h, posting.as, app.id, { to: "hired", startDate: today() });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const [job] = await h.deps.db.select().from(jobs).where(eq(jobs.id, posting.job.id));
    expect(job!.status).toBe("filled");
    expect(job!.filledAt).not.toBeNull();
    expect(await upserts(posting.job.id)).toBe(before + 1);

    const third = await move(h, posting.as, apps[2]!.id, { to: "hired", startDate: today() });
    expect(third.status, JSON.stringify(third.body)).toBe(409);
    expect(third.body.error.code).toBe("JOB_HEADCOUNT_REACHED");
    expect(third.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const [still] = await h.deps.db
      .select()
      .from(applications)
      .where(eq(applications.id, apps[2]!.id));
    expect(still!.status).toBe("accepted");
    expect(await h.deps.db.$count(employments, eq(employments.jobId, posting.job.id))).toBe(2);
  });

  it("concurrent hires for the last place: exactly one wins", async () => {
    const { posting, apps } = await acceptedApplicants(4, 1);
    const results = await Promise.all(
      apps.map((app) => move(h, posting.as, app.id, { to: "hired", startDate: today() })),
    );
    expect(
      results.filter((r) => r.status === 200),
      JSON.stringify(results.map((r) => r.body)),
    ).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => r.body.error.code === "JOB_HEADCOUNT_REACHED"),
    ).toBe(true);
    expect(await h.deps.db.$count(employments, eq(employments.jobId, posting.job.id))).toBe(1);
    expect(
      await h.deps.db.$count(
        applications,
        and(eq(applications.jobId, posting.job.id), eq(applications.status, "hired")),
      ),
    ).toBe(1);
  });

  it("a filled posting takes no new applications", async () => {
    const { posting, apps } = await acceptedApplicants(1, 1);
    await moves(h, posting.as, apps[0]!.id, { to: "hired", startDate: today() });
    const p = await person(h);
    const res = await json(
      await h.api.post("/api/v1/applications", { jobId: posting.job.id, source: "detail" }, p.as),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("JOB_NOT_OPEN");
  });
});
