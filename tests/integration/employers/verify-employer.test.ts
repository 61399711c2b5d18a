import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { outbox } from "../../../db/schema/outbox";
import { createHarness, type Harness, json } from "../../support/harness";
import { jobBody } from "../jobs/factory";
import { asEmployer, makeEmployer } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const statusOf = async (id: string) =>
  (await h.deps.db.select().from(employers).where(eq(employers.id, id)))[0]!;

describe("POST /api/v1/employers/{id}/verify and /suspend", () => {
  it("lets a bureau user of the employer's county verify it, recording who and when", async () => {
    const e = await makeEmployer(h);
    const bureau = await h.as.bureau("450332");
    const { status, body } = await json(
      await h.api.post(`/api/v1/employers/${e.id}/verify`, { note: "已核验营业执照原件" }, bureau),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.verification).toMatchObject({
      status: "verified",
      label: "已认证",
      reason: "已核验营业执照原件",
    });
    const row = await statusOf(e.id);
    expect(row).toMatchObject({
      verificationStatus: "verified",
      verifiedBy: bureau.userId,
      statusChangedBy: bureau.userId,
    });
    expect(row.verifiedAt).toBeInstanceOf(Date);
  });

  it("lets a city or province bureau verify employers of its counties", async () => {
    const e = await makeEmployer(h);
    const res = await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, await h.as.bureau("4503"));
    expect(res.status).toBe(200);
  });

  it("answers 404 EMPLOYER_NOT_FOUND to a bureau of another county and changes nothing", async () => {
    const e = await makeEmployer(h);
    const { status, body } = await json(
      await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, await h.as.bureau("450225")),
    );
    expect(status, JSON.stringify(body)).toBe(404);
    expect(body.error.code).toBe("EMPLOYER_NOT_FOUND");
    expect((await statusOf(e.id)).verificationStatus).toBe("unverified");
  });

  it("answers 404 for an unknown id and 400 for a malformed one", async () => {
    const bureau = await h.as.bureau("450332");
    const missing = await json(
      await h.api.post("/api/v1/employers/00000000-0000-4000-8000-000000000000/verify", {}, bureau),
    );
    expect(missing.status).toBe(404);
    const malformed = await json(
      await h.api.post("/api/v1/employers/not-a-uuid/verify", {}, bureau),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "id" });
  });

  it("does not let cadres, employers or anonymous callers verify", async () => {
    const e = await makeEmployer(h);
    expect(
      (await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, await h.as.cadre("450332"))).status,
    ).toBe(403);
    expect(
      (
        await h.api.post(
          `/api/v1/employers/${e.id}/verify`,
          {},
          await h.as.user("employer", { employerId: e.id }),
        )
      ).status,
    ).toBe(403);
    expect((await h.api.post(`/api/v1/employers/${e.id}/verify`, {})).status).toBe(401);
    expect((await statusOf(e.id)).verificationStatus).toBe("unverified");
  });

  it("answers a second verification with 409 EMPLOYER_STATUS_UNCHANGED", async () => {
    const e = await makeEmployer(h);
    const bureau = await h.as.bureau("450332");
    expect((await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, bureau)).status).toBe(200);
    const { status, body } = await json(
      await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, bureau),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body.error.code).toBe("EMPLOYER_STATUS_UNCHANGED");
  });

  it("suspends with a reason, and verifying again lifts the suspension", async () => {
    const e = await makeEmployer(h);
    const bureau = await h.as.bureau("450332");
    await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, bureau);

    const noReason = await json(await h.api.post(`/api/v1/employers/${e.id}/suspend`, {}, bureau));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "reason" });

    const reason = "多名务工人员反映拖欠工资，核查期间暂停发布";
    const suspended = await json(
      await h.api.post(`/api/v1/employers/${e.id}/suspend`, { reason }, bureau),
    );
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.verification).toMatchObject({
      status: "suspended",
      label: "已暂停",
      reason,
    });
    expect((await statusOf(e.id)).statusReason).toBe(reason);

    const again = await json(
      await h.api.post(`/api/v1/employers/${e.id}/suspend`, { reason }, bureau),
    );
    expect(again.body.error.code).toBe("EMPLOYER_STATUS_UNCHANGED");

    const lifted = await json(
      await h.api.post(`/api/v1/employers/${e.id}/verify`, { note: "工资已结清" }, bureau),
    );
    expect(lifted.status).toBe(200);
    expect(lifted.body.verification.status).toBe("verified");
  });

  it("re-indexes the employer's postings in the same transaction as each status change", async () => {
    const e = await makeEmployer(h);
    // Unverified employers may post drafts; they are not searchable until the employer is verified.
    const draft = await json(
      await h.api.post("/api/v1/jobs", jobBody("odd_job"), await asEmployer(h, e.id)),
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const rowsFor = () =>
      h.deps.db.select().from(outbox).where(eq(outbox.aggregateId, draft.body.id));
    const before = (await rowsFor()).length;
    const bureau = await h.as.bureau("450332");
    await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, bureau);
    expect((await rowsFor()).length).toBe(before + 1);
    await h.api.post(`/api/v1/employers/${e.id}/suspend`, { reason: "核查期间暂停" }, bureau);
    const rows = await rowsFor();
    expect(rows.length).toBe(before + 2);
    expect(rows.every((r) => r.type === "job.upserted")).toBe(true);
    // A refused change (out of scope) writes nothing.
    await h.api.post(`/api/v1/employers/${e.id}/verify`, {}, await h.as.bureau("450225"));
    expect((await rowsFor()).length).toBe(before + 2);
  });
});
