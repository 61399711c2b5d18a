import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "../../../db/schema/jobs";
import { outbox } from "../../../db/schema/outbox";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const outboxFor = (id: string) =>
  h.deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.aggregateId, id), eq(outbox.type, "job.upserted")));

describe("POST /api/v1/jobs and the status machine", () => {
  it("creates a draft, opens it through the outbox, and stores the phone encrypted and masked", async () => {
    const employer = await makeEmployer(h, { type: "workshop" });
    const as = await asEmployer(h, employer.id);
    const phone = "13877312345";
    const draft = await json(
      await h.api.post("/api/v1/jobs", jobBody("workshop", { contactPhone: phone }), as),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      status: "draft",
      channel: "workshop",
      contactPhone: "138****2345",
      ageMin: 16,
      ageMax: 65,
      postedOnBehalf: false,
    });
    expect(JSON.stringify(draft.body)).not.toContain(phone);
    // Place and coordinates come from the regions table when not given.
    expect(draft.body.placeName).toBe("广西壮族自治区 桂林市 恭城瑶族自治县");
    expect(draft.body.lat).toBeCloseTo(24.83, 1);
    expect(await outboxFor(draft.body.id)).toHaveLength(0);

    const [stored] = await h.deps.db.select().from(jobs).where(eq(jobs.id, draft.body.id));
    expect(stored!.contactPhoneEnc).not.toContain(phone);
    expect(h.deps.pii.decrypt(stored!.contactPhoneEnc)).toBe(phone);

    const opened = await json(await h.api.post(`/api/v1/jobs/${draft.body.id}/open`, {}, as));
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.status).toBe("open");
    expect(opened.body.postedAt).toBeTruthy();
    expect(await outboxFor(draft.body.id)).toHaveLength(1);

    const again = await json(await h.api.post(`/api/v1/jobs/${draft.body.id}/open`, {}, as));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("JOB_NOT_DRAFT");
  });

  it("fills and closes only open postings, each change on the outbox", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(h, as, jobBody("odd_job"));
    const filled = await json(await h.api.post(`/api/v1/jobs/${job.id}/fill`, {}, as));
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    expect(filled.body.status).toBe("filled");
    const close = await json(await h.api.post(`/api/v1/jobs/${job.id}/close`, {}, as));
    expect(close.status).toBe(409);
    expect(close.body.error.code).toBe("JOB_NOT_OPEN");
    const edit = await json(await h.api.patch(`/api/v1/jobs/${job.id}`, { headcount: 3 }, as));
    expect(edit.body.error.code).toBe("JOB_NOT_OPEN");
    expect(await outboxFor(job.id)).toHaveLength(2);
  });

  it("updates an open posting and re-validates the whole posting", async () => {
    const employer = await makeEmployer(h);
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(h, as, jobBody("gd_gx"));
    expect(job).toMatchObject({
      transportSubsidyEligible: true,
      pointToPoint: true,
      boardAndLodging: true,
      placeName: "广东省 深圳市 宝安区",
    });
    const ok = await json(
      await h.api.patch(
        `/api/v1/jobs/${job.id}`,
        { wageMaxFen: 700_000, title: "深圳宝安电子厂普工" },
        as,
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.wage).toEqual({ minFen: 450_000, maxFen: 700_000, unit: "month" });
    const bad = await json(await h.api.patch(`/api/v1/jobs/${job.id}`, { wageMaxFen: 100 }, as));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "wageMaxFen" });
    const moved = await json(
      await h.api.patch(`/api/v1/jobs/${job.id}`, { regionCode: "450332" }, as),
    );
    expect(moved.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "regionCode" });
  });

  it("refuses opening for an employer that is not verified", async () => {
    const employer = await makeEmployer(h, { status: "unverified" });
    const as = await asEmployer(h, employer.id);
    const job = await makeJob(h, as, jobBody("odd_job"), { open: false });
    const res = await json(await h.api.post(`/api/v1/jobs/${job.id}/open`, {}, as));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.code).toBe("EMPLOYER_NOT_VERIFIED");
  });

  it("lets only certified workshops post workshop jobs", async () => {
    const employer = await makeEmployer(h, { type: "enterprise" });
    const res = await json(
      await h.api.post("/api/v1/jobs", jobBody("workshop"), await asEmployer(h, employer.id)),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error).toMatchObject({ code: "JOB_CHANNEL_NOT_ALLOWED", field: "channel" });
  });
});

describe("validation", () => {
  it.each([
    [{ ageMin: 15 }, "ageMin", /16/],
    [{ ageMax: 70 }, "ageMax", /65/],
    [{ wageUnit: "month" }, "wageUnit", /日薪|计件/],
    [{ workStartOn: undefined }, "workStartOn", /开工/],
    [{ regionCode: "440306" }, "regionCode", /广西/],
    [{ regionCode: "459999" }, "regionCode", /不存在/],
    [{ contactPhone: "12345" }, "contactPhone", /手机/],
    [{ lat: 24.8 }, "lng", /经纬度/],
    [{ expiresAt: "2020-01-01T00:00:00+08:00" }, "expiresAt", /截止/],
  ])("refuses %o with 400 on %s", async (override, field, message) => {
    const employer = await makeEmployer(h);
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("odd_job", override),
        await asEmployer(h, employer.id),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(body.error.message).toMatch(message);
  });

  it.each([
    [{ title: "电子厂普工 限男性" }, "title", "限男性", "gender"],
    [{ description: "仅招汉族，包吃住" }, "description", "仅招汉族", "ethnicity"],
    [{ benefits: ["包吃", "限本地户口"] }, "benefits.1", "限本地户口", "household"],
  ])("refuses discriminatory %o with 422 naming the field and phrase", async (override, field, phrase, category) => {
    const employer = await makeEmployer(h);
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("gd_gx", override),
        await asEmployer(h, employer.id),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body.error).toMatchObject({
      code: "JOB_DISCRIMINATORY",
      field,
      details: { phrase, category },
    });
    expect(body.error.message).toContain(phrase);
  });

  it("accepts neutral wording such as 男女不限 and 女装车工", async () => {
    const employer = await makeEmployer(h, { type: "workshop" });
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("workshop", {
          title: "女装车工",
          description: "男女不限，户籍不限，欢迎少数民族同胞",
        }),
        await asEmployer(h, employer.id),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(201);
  });

  it("answers a channel outside the list with 400 naming the field", async () => {
    const employer = await makeEmployer(h);
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/jobs",
        jobBody("odd_job", { channel: "fulltime" }),
        await asEmployer(h, employer.id),
      ),
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "channel" });
  });
});
