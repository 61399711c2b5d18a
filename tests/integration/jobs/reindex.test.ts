import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { jobs } from "../../../db/schema/jobs";
import { scheduleMaintenance } from "../../../src/queue/maintenance";
import { applyJobsIndexSettings, jobsIndex } from "../../../src/search/jobs-index";
import {
  rebuildJobsIndex,
  reconcileJobsIndex,
  reconcileJobsIndexAtBoot,
} from "../../../src/search/jobs-reindex";
import { startMaintenanceWorker } from "../../../workers/maintenance";
import { createHarness, eventually, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

async function allDocIds(): Promise<string[]> {
  const page = await jobsIndex(h.deps.search).getDocuments({ fields: ["id"], limit: 1000 });
  return page.results.map((d) => d.id).sort();
}

describe("index maintenance", () => {
  it("applies the index settings idempotently", async () => {
    await applyJobsIndexSettings(h.deps.search);
    expect(await applyJobsIndexSettings(h.deps.search)).toEqual({ created: false, updated: [] });
    const settings = await jobsIndex(h.deps.search).getSettings();
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(["regionCodes", "lat", "lng", "channel"]),
    );
    expect(settings.filterableAttributes).not.toContain("_geo");
  });

  it("rebuilds an empty index with exactly the searchable postings, then reconciles drift", async () => {
    // No sync worker runs in this file: the index only learns what the rebuild tells it.
    const employer = await makeEmployer(h);
    const suspended = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const open = [
      await makeJob(h, as, jobBody("gd_gx")),
      await makeJob(h, as, jobBody("odd_job")),
      await makeJob(h, as, jobBody("public_welfare")),
    ];
    await makeJob(h, as, jobBody("gd_gx"), { open: false });
    const closed = await makeJob(h, as, jobBody("gd_gx"));
    expect((await json(await h.api.post(`/api/v1/jobs/${closed.id}/close`, {}, as))).status).toBe(
      200,
    );
    await makeJob(h, await asEmployer(h, suspended.id), jobBody("gd_gx"));
    await h.deps.db
      .update(employers)
      .set({ verificationStatus: "suspended" })
      .where(eq(employers.id, suspended.id));
    await jobsIndex(h.deps.search).deleteAllDocuments().waitTask();
    expect(await allDocIds()).toEqual([]);

    const result = await rebuildJobsIndex(h.deps);
    expect(result.indexed).toBe(3);
    expect(await allDocIds()).toEqual(open.map((j) => j.id).sort());
    const indexes = await h.deps.search.client.getIndexes({ limit: 1000 });
    expect(indexes.results.filter((i) => i.uid.includes("_rebuild_"))).toEqual([]);

    // Drift: one document lost, one stray document of a closed posting.
    await jobsIndex(h.deps.search).deleteDocument(open[0]!.id).waitTask();
    const stray = { ...(await jobsIndex(h.deps.search).getDocument(open[1]!.id)), id: closed.id };
    await jobsIndex(h.deps.search).addDocuments([stray]).waitTask();
    expect(await reconcileJobsIndex(h.deps)).toMatchObject({
      expected: 3,
      indexed: 3,
      missing: 1,
      extra: 1,
      stale: 0,
    });
    expect(await allDocIds()).toEqual(open.map((j) => j.id).sort());
    expect(await reconcileJobsIndex(h.deps)).toMatchObject({ missing: 0, extra: 0, stale: 0 });

    // A change made just now is the sync worker's to deliver: left alone, counted as in flight…
    const edited = open[2]!.id;
    const indexedVersion = (await jobsIndex(h.deps.search).getDocument(edited)).version;
    await h.deps.db
      .update(jobs)
      .set({ version: sql`${jobs.version} + 1`, changedAt: sql`now()` })
      .where(eq(jobs.id, edited));
    expect(await reconcileJobsIndex(h.deps)).toMatchObject({
      missing: 0,
      extra: 0,
      stale: 0,
      inFlight: 1,
    });
    expect((await jobsIndex(h.deps.search).getDocument(edited)).version).toBe(indexedVersion);
    // …until it is older than the lag limit without being confirmed: then it is drift, repaired.
    await h.deps.db
      .update(jobs)
      .set({ changedAt: sql`now() - interval '1 minute'` })
      .where(eq(jobs.id, edited));
    expect(await reconcileJobsIndex(h.deps)).toMatchObject({
      missing: 0,
      extra: 0,
      stale: 1,
      inFlight: 0,
    });
    expect((await jobsIndex(h.deps.search).getDocument(edited)).version).toBe(indexedVersion + 1);
  });

  it("reconciles once as soon as the maintenance worker starts (an index that lost its data is refilled without waiting for the schedule)", async () => {
    const employer = await makeEmployer(h);
    const job = await makeJob(h, await asEmployer(h, employer.id), jobBody("odd_job"));
    await rebuildJobsIndex(h.deps);
    expect(await allDocIds()).toContain(job.id);
    // An earlier start ran the schedules' first ticks; the next reconcile tick is 15 minutes away.
    // Then Meilisearch loses a document while Postgres still records it as indexed.
    const first = await startMaintenanceWorker(h.deps);
    await eventually(async () => {
      const c = await h.deps.queues.maintenance.getJobCounts(
        "completed",
        "waiting",
        "active",
        "prioritized",
      );
      return (
        (c.completed ?? 0) >= 2 && (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) === 0
      );
    }, 20_000);
    await first.close();
    await jobsIndex(h.deps.search).deleteDocument(job.id).waitTask();
    expect(await allDocIds()).not.toContain(job.id);
    const worker = await startMaintenanceWorker(h.deps);
    try {
      await eventually(async () => (await allDocIds()).includes(job.id), 20_000);
    } finally {
      await worker.close();
    }
  });

  it("at a worker's start compares counts, and reads every version only when they differ", async () => {
    const employer = await makeEmployer(h);
    const job = await makeJob(h, await asEmployer(h, employer.id), jobBody("odd_job"));
    await rebuildJobsIndex(h.deps);
    const agreed = await reconcileJobsIndexAtBoot(h.deps);
    expect(agreed).toMatchObject({ versionsCompared: false, missing: 0 });
    expect(agreed.indexed).toBe(agreed.expected);
    expect(agreed.expected).toBeGreaterThan(0);

    await jobsIndex(h.deps.search).deleteDocument(job.id).waitTask();
    const differed = await reconcileJobsIndexAtBoot(h.deps);
    expect(differed).toMatchObject({ versionsCompared: true, missing: 1, stale: 0, extra: 0 });
    await eventually(async () => (await allDocIds()).includes(job.id), 20_000);
  });

  it("schedules expiry and the reconcile on the maintenance queue, once however often it is called", async () => {
    await scheduleMaintenance(h.deps.queues);
    await scheduleMaintenance(h.deps.queues);
    const schedulers = await h.deps.queues.maintenance.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      "expire-jobs",
      "propose-stable-rewards",
      "reconcile-jobs-index",
      "retention-sweep",
      "sweep-import-files",
    ]);
  });
});
