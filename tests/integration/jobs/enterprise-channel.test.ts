import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob, searchIds, waitIndexed } from "./factory";

/**
 * Issue 18 item 7: regular enterprise jobs inside Guangxi (区内企业岗位, seed 002 §12) and the
 * parks co-built with Guangdong (共建园区, seed 001) have their own channel.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ sync: true });
});
afterAll(async () => {
  await h?.close();
});

// 柳州市柳江区: an auto-parts factory paying by the month.
const liuzhou = (o: Record<string, unknown> = {}) =>
  jobBody("enterprise", {
    title: "柳州汽车零部件厂装配工",
    occupation: "装配工",
    regionCode: "450206",
    wageUnit: "month",
    wageMinFen: 420_000,
    wageMaxFen: 560_000,
    ...o,
  });

describe("the enterprise channel (区内企业岗位)", () => {
  it("lets a Guangxi enterprise post a 柳州 monthly-wage job that is searchable with channel=enterprise", async () => {
    const employer = await makeEmployer(h, { type: "enterprise", regionCode: "450206" });
    const job = await makeJob(h, await asEmployer(h, employer.id), liuzhou());
    expect(job).toMatchObject({
      channel: "enterprise",
      regionCode: "450206",
      wage: { unit: "month", minFen: 420_000 },
      coBuiltPark: false,
    });
    await waitIndexed(h, job.id);
    const { ids, body } = await searchIds(h, "channel=enterprise");
    expect(ids).toContain(job.id);
    expect(body.items.find((i: { id: string }) => i.id === job.id)).toMatchObject({
      channel: "enterprise",
      coBuiltPark: false,
    });
    expect((await searchIds(h, "channel=odd_job,gd_gx")).ids).not.toContain(job.id);
  });

  it("accepts a co-built park (共建园区) posting in Guangxi and shows the flag", async () => {
    const employer = await makeEmployer(h, { type: "enterprise", regionCode: "450332" });
    const job = await makeJob(
      h,
      await asEmployer(h, employer.id),
      jobBody("enterprise", { regionCode: "450332", coBuiltPark: true }),
    );
    expect(job).toMatchObject({
      channel: "enterprise",
      coBuiltPark: true,
      transportSubsidyEligible: false,
    });
    await waitIndexed(h, job.id);
    const hit = (await searchIds(h, "channel=enterprise")).body.items.find(
      (i: { id: string }) => i.id === job.id,
    );
    expect(hit).toMatchObject({ coBuiltPark: true });
  });

  it("refuses an enterprise posting outside Guangxi with 422 and a Chinese message", async () => {
    const employer = await makeEmployer(h, { type: "enterprise" });
    for (const body of [
      liuzhou({ regionCode: "440306" }),
      liuzhou({ regionCode: "440306", coBuiltPark: true }),
    ]) {
      const res = await json(
        await h.api.post("/api/v1/jobs", body, await asEmployer(h, employer.id)),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toMatchObject({
        code: "JOB_CHANNEL_NOT_ALLOWED",
        field: "regionCode",
      });
      expect(res.body.error.message).toMatch(/广西区内/);
    }
  });

  it("lets only enterprises inside Guangxi post enterprise jobs, and keeps the flag to that channel", async () => {
    const workshop = await makeEmployer(h, { type: "workshop" });
    const byWorkshop = await json(
      await h.api.post("/api/v1/jobs", liuzhou(), await asEmployer(h, workshop.id)),
    );
    expect(byWorkshop.status).toBe(422);
    expect(byWorkshop.body.error).toMatchObject({
      code: "JOB_CHANNEL_NOT_ALLOWED",
      field: "channel",
    });
    const shenzhen = await makeEmployer(h, { type: "enterprise", regionCode: "440306" });
    const fromGuangdong = await json(
      await h.api.post("/api/v1/jobs", liuzhou(), await asEmployer(h, shenzhen.id)),
    );
    expect(fromGuangdong.body.error).toMatchObject({
      code: "JOB_CHANNEL_NOT_ALLOWED",
      field: "channel",
    });
    const enterprise = await makeEmployer(h, { type: "enterprise" });
    const flagged = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("gd_gx", { coBuiltPark: true }),
        await asEmployer(h, enterprise.id),
      ),
    );
    expect(flagged.body.error).toMatchObject({ field: "coBuiltPark" });
  });
});
