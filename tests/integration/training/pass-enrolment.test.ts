import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingEnrolments } from "../../../db/schema/training";
import { chinaDate } from "../../../src/lib/china-time";
import { listCertificates } from "../../../src/modules/training/service";
import { createHarness, type Harness, json } from "../../support/harness";
import {
  asLabourer,
  makeCourse,
  makeEnrolment,
  makeLabourer,
  outboxRows,
  VILLAGES,
} from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

// Dates relative to the business day (sessions are checked against the real clock, so the clock stays real).
const day = (offset: number) => chinaDate(new Date(Date.now() + offset * 86_400_000));
const COURSE = { startDate: day(-30), endDate: day(-10) };
const PASS = { certificateNo: "S000045033200263000123", resultDate: day(-10) };
const pass = async (
  id: string,
  body: Record<string, unknown> = PASS,
  as?: Awaited<ReturnType<Harness["as"]["bureau"]>>,
) =>
  json(
    await h.api.post(
      `/api/v1/training/enrolments/${id}/pass`,
      body,
      as ?? (await h.as.bureau("450332")),
    ),
  );

async function enrolledInGongcheng() {
  const course = await makeCourse(h, COURSE);
  const lab = await makeLabourer(h, { villageCode: VILLAGES.gongcheng });
  return { course, lab, enrolment: await makeEnrolment(h, course.id, lab.id) };
}

describe("POST /api/v1/training/enrolments/{id}/pass", () => {
  it("records the certificate and writes exactly one training.passed outbox row", async () => {
    const { enrolment } = await enrolledInGongcheng();
    const { status, body } = await pass(enrolment.id);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: "passed", statusLabel: "培训合格", ...PASS });
    const rows = await outboxRows(h, enrolment.id);
    expect(rows.map((r) => r.type)).toEqual(["training.passed"]);
  });

  it("answers a second pass with 409 ENROLMENT_ALREADY_FINAL and writes no second row", async () => {
    const { enrolment } = await enrolledInGongcheng();
    expect((await pass(enrolment.id)).status).toBe(200);
    const again = await pass(enrolment.id, { ...PASS, certificateNo: "S-OTHER" });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error.code).toBe("ENROLMENT_ALREADY_FINAL");
    expect(await outboxRows(h, enrolment.id)).toHaveLength(1);
    const [row] = await h.deps.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.id, enrolment.id));
    expect(row!.certificateNo).toBe(PASS.certificateNo);
  });

  it("lets only one of two simultaneous passes through", async () => {
    const { enrolment } = await enrolledInGongcheng();
    const bureau = await h.as.bureau("450332");
    const results = await Promise.all([
      pass(enrolment.id, PASS, bureau),
      pass(enrolment.id, PASS, bureau),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await outboxRows(h, enrolment.id)).toHaveLength(1);
  });

  it("answers 404 to a bureau of another county and leaves neither result nor outbox row", async () => {
    const course = await makeCourse(h, { ...COURSE, countyCode: "450225" });
    const lab = await makeLabourer(h, { villageCode: VILLAGES.rongshui });
    const enrolment = await makeEnrolment(h, course.id, lab.id);
    const res = await pass(enrolment.id, PASS, await h.as.bureau("450332"));
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.body.error.code).toBe("ENROLMENT_NOT_FOUND");
    expect(await outboxRows(h, enrolment.id)).toHaveLength(0);
    const [row] = await h.deps.db
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.id, enrolment.id));
    expect(row!.status).toBe("enrolled");
  });

  it("leaves the result to the course's county: the labourer's county bureau gets 403 and no row", async () => {
    const course = await makeCourse(h, { ...COURSE, countyCode: "450225" });
    const lab = await makeLabourer(h, { villageCode: VILLAGES.gongcheng });
    const enrolment = await makeEnrolment(h, course.id, lab.id);
    const res = await pass(enrolment.id, PASS, await h.as.bureau("450332"));
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(await outboxRows(h, enrolment.id)).toHaveLength(0);
    expect((await pass(enrolment.id, PASS, await h.as.bureau("450225"))).status).toBe(200);
  });

  it.each([
    {
      name: "a result dated after today",
      body: { ...PASS, resultDate: day(1) },
      field: "resultDate",
    },
    {
      name: "a result dated before the course began",
      body: { ...PASS, resultDate: day(-31) },
      field: "resultDate",
    },
    {
      name: "no certificate number",
      body: { resultDate: PASS.resultDate },
      field: "certificateNo",
    },
    {
      name: "a blank certificate number",
      body: { ...PASS, certificateNo: "  " },
      field: "certificateNo",
    },
  ])("refuses $name with 400 and writes no row", async ({ body, field }) => {
    const { enrolment } = await enrolledInGongcheng();
    const res = await pass(enrolment.id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field });
    expect(await outboxRows(h, enrolment.id)).toHaveLength(0);
  });

  it("does not let cadres or labourers record results", async () => {
    const { enrolment, lab } = await enrolledInGongcheng();
    expect((await pass(enrolment.id, PASS, await h.as.cadre("450332"))).status).toBe(403);
    expect((await pass(enrolment.id, PASS, await asLabourer(h, lab.id))).status).toBe(403);
  });
});

describe("failing, and the certificates read model", () => {
  it("records a failure as final without an outbox row", async () => {
    const { enrolment } = await enrolledInGongcheng();
    const res = await json(
      await h.api.post(
        `/api/v1/training/enrolments/${enrolment.id}/fail`,
        { resultDate: day(-10), note: "实操考核未通过" },
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "failed", resultNote: "实操考核未通过" });
    expect(await outboxRows(h, enrolment.id)).toHaveLength(0);
    expect((await pass(enrolment.id)).body.error.code).toBe("ENROLMENT_ALREADY_FINAL");
  });

  it("lists the brands and occupations a labourer holds from passed enrolments only", async () => {
    const lab = await makeLabourer(h);
    const bureau = await h.as.bureau("450332");
    const yuying = await makeEnrolment(h, (await makeCourse(h, COURSE)).id, lab.id);
    const youcha = await makeEnrolment(
      h,
      (await makeCourse(h, { ...COURSE, brandCode: "guilin-youcha", occupation: "油茶师傅" })).id,
      lab.id,
    );
    await makeEnrolment(
      h,
      (await makeCourse(h, { ...COURSE, brandCode: "bagui-jiangong", occupation: "焊工" })).id,
      lab.id,
    );
    await pass(yuying.id, { certificateNo: "YY-1", resultDate: day(-12) }, bureau);
    await pass(youcha.id, { certificateNo: "YC-1", resultDate: day(-10) }, bureau);

    const certs = await listCertificates(h.deps.db, lab.id);
    expect(certs.occupations).toEqual(["油茶师傅", "育婴员"]);
    expect(certs.brands.map((b) => b.name)).toEqual(["桂林油茶师傅", "八桂家政"]);
    expect(certs.brands[1]!.occupations).toContain("家政服务员");
    expect(certs.certificates.map((c) => c.certificateNo)).toEqual(["YC-1", "YY-1"]);

    const own = await json(
      await h.api.get("/api/v1/training/certificates", await asLabourer(h, lab.id)),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.occupations).toEqual(["油茶师傅", "育婴员"]);
    expect(
      (
        await h.api.get(
          `/api/v1/training/certificates?labourerId=${lab.id}`,
          await h.as.bureau("450225"),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await h.api.get(
          `/api/v1/training/certificates?labourerId=${lab.id}`,
          await h.as.cadre("450332"),
        )
      ).status,
    ).toBe(200);
  });
});
