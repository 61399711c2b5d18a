import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { systemCtx } from "../../../src/lib/ctx";
import { expireDueJobs } from "../../../src/modules/jobs/expiry";
import { enqueueEmployerJobsReindex } from "../../../src/modules/jobs/index-events";
import { jobsIndex } from "../../../src/search/jobs-index";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import {
  asEmployer,
  INDEX_WAIT_MS,
  inIndex,
  jobBody,
  makeEmployer,
  makeJob,
  searchIds,
  waitGone,
  waitIndexed,
} from "./factory";

// A movable clock: the expiry test moves business time past a deadline.
let offsetMs = 0;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    overrides: { now: () => new Date(Date.now() + offsetMs) },
    sync: true,
  });
});
afterAll(async () => {
  await h?.close();
});

describe("index kept in sync through the outbox", () => {
  it("makes an opened posting searchable after commit (2 s goal: see the search benchmark), without its contact phone", async () => {
    const employer = await makeEmployer(h, { name: "恭城县莲花镇月柿合作社" });
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(
      h,
      as,
      jobBody("odd_job", { title: "月柿采摘工", occupation: "采摘工" }),
    );
    await waitIndexed(h, job.id);
    const doc = await jobsIndex(h.deps.search).getDocument(job.id);
    expect(doc).toMatchObject({
      employerName: "恭城县莲花镇月柿合作社",
      regionCodes: ["45", "4503", "450332"],
      channel: "odd_job",
      status: "open",
    });
    expect(JSON.stringify(doc)).not.toMatch(/contact|139\d{8}/i);
    // The worker records the version Meilisearch confirmed, right after the document appears.
    await eventually(
      async () => {
        const [row] = await h.deps.db.select().from(jobs).where(eq(jobs.id, job.id));
        return row!.indexedVersion === row!.version;
      },
      INDEX_WAIT_MS,
      25,
    );
    expect((await searchIds(h, "q=月柿")).ids).toContain(job.id);
  });

  it("keeps drafts out and removes closed and filled postings from the index", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const closed = await makeJob(h, as, jobBody("gd_gx"));
    const filled = await makeJob(h, as, jobBody("gd_gx"));
    await waitIndexed(h, closed.id);
    await waitIndexed(h, filled.id);
    expect((await json(await h.api.post(`/api/v1/jobs/${closed.id}/close`, {}, as))).status).toBe(
      200,
    );
    expect((await json(await h.api.post(`/api/v1/jobs/${filled.id}/fill`, {}, as))).status).toBe(
      200,
    );
    await waitGone(h, closed.id);
    await waitGone(h, filled.id);
    const draft = await makeJob(h, as, jobBody("gd_gx"), { open: false });
    expect(await inIndex(h, draft.id)).toBe(false);
  });

  it("shows an edit in the index", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(
      h,
      as,
      jobBody("public_welfare", { title: "村级保洁员", occupation: "保洁员" }),
    );
    await waitIndexed(h, job.id);
    const edited = await json(
      await h.api.patch(
        `/api/v1/jobs/${job.id}`,
        { title: "村级护林员", occupation: "护林员" },
        as,
      ),
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await eventually(
      async () => (await jobsIndex(h.deps.search).getDocument(job.id)).title === "村级护林员",
      INDEX_WAIT_MS,
      25,
    );
    expect(await jobsIndex(h.deps.search).getDocument(job.id)).toMatchObject({
      title: "村级护林员",
      occupation: "护林员",
    });
    expect((await searchIds(h, "q=护林员")).ids).toContain(job.id);
  });

  it("removes expired postings after the expiry run, and hides them from search before it", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(
      h,
      as,
      jobBody("odd_job", {
        title: "沙糖桔采摘",
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
    await waitIndexed(h, job.id);
    offsetMs = 2 * 3600_000;
    try {
      expect((await searchIds(h, "q=沙糖桔")).ids).not.toContain(job.id);
      // The expiry run skips rows another transaction holds (the sync worker stamping indexed_version
      // can hold this one for a moment); the next run takes it, as the scheduled job would a minute later.
      await eventually(async () => (await expireDueJobs(systemCtx(h.deps))) >= 1, INDEX_WAIT_MS);
      await waitGone(h, job.id);
      const view = await json(await h.api.get(`/api/v1/jobs/${job.id}`, as));
      expect(view.body.status).toBe("expired");
    } finally {
      offsetMs = 0;
    }
  });

  it("removes every posting of a suspended employer after enqueueEmployerJobsReindex", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const a = await makeJob(h, as, jobBody("gd_gx"));
    const b = await makeJob(h, as, jobBody("gd_gx"));
    await waitIndexed(h, a.id);
    await waitIndexed(h, b.id);
    await h.deps.db.transaction(async (tx) => {
      await tx
        .update(employers)
        .set({ verificationStatus: "suspended" })
        .where(eq(employers.id, employer.id));
      expect(await enqueueEmployerJobsReindex(tx, employer.id)).toBe(2);
    });
    await waitGone(h, a.id);
    await waitGone(h, b.id);
  });
});
