import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingEnrolments } from "../../../db/schema/training";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("POST /api/v1/training/enrolments", () => {
  it("lets a cadre enrol a labourer of their county in a course of their county", async () => {
    const course = await makeCourse(h);
    const lab = await makeLabourer(h, { villageCode: VILLAGES.gongcheng });
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/training/enrolments",
        { courseId: course.id, labourerId: lab.id },
        await h.as.cadre("450332"),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({
      status: "enrolled",
      statusLabel: "在训",
      certificateNo: null,
      course: { id: course.id, occupation: "育婴员", brand: { code: "bagui-jiazheng" } },
      labourer: { id: lab.id, villageCode: VILLAGES.gongcheng },
    });
    expect(JSON.stringify(body)).not.toContain(lab.input.idNumber);
  });

  it("answers a second enrolment with 409 ENROLMENT_DUPLICATE", async () => {
    const course = await makeCourse(h);
    const lab = await makeLabourer(h);
    await makeEnrolment(h, course.id, lab.id);
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/training/enrolments",
        { courseId: course.id, labourerId: lab.id },
        await h.as.admin(),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body.error.code).toBe("ENROLMENT_DUPLICATE");
    expect(
      await h.deps.db.$count(trainingEnrolments, eq(trainingEnrolments.courseId, course.id)),
    ).toBe(1);
  });

  it("answers 409 COURSE_FULL past the capacity and keeps no extra row", async () => {
    const course = await makeCourse(h, { capacity: 1 });
    await makeEnrolment(h, course.id, (await makeLabourer(h)).id);
    const late = await makeLabourer(h);
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/training/enrolments",
        { courseId: course.id, labourerId: late.id },
        await h.as.admin(),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body.error.code).toBe("COURSE_FULL");
    expect(
      await h.deps.db.$count(trainingEnrolments, eq(trainingEnrolments.courseId, course.id)),
    ).toBe(1);
  });

  it("needs both the course and the labourer inside the caller's region", async () => {
    const course = await makeCourse(h);
    const far = await makeLabourer(h, { villageCode: VILLAGES.rongshui });
    const res = await json(
      await h.api.post(
        "/api/v1/training/enrolments",
        { courseId: course.id, labourerId: far.id },
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.body.error).toMatchObject({ code: "LABOURER_NOT_FOUND", field: "labourerId" });

    const farCourse = await makeCourse(h, { countyCode: "450225" });
    const near = await makeLabourer(h);
    const res2 = await json(
      await h.api.post(
        "/api/v1/training/enrolments",
        { courseId: farCourse.id, labourerId: near.id },
        await h.as.bureau("450332"),
      ),
    );
    expect(res2.status).toBe(404);
    expect(res2.body.error.code).toBe("COURSE_NOT_FOUND");

    // The province bureau covers both counties.
    expect(
      (
        await h.api.post(
          "/api/v1/training/enrolments",
          { courseId: farCourse.id, labourerId: near.id },
          await h.as.bureau("45"),
        )
      ).status,
    ).toBe(201);
  });
});

describe("reading enrolments", () => {
  it("shows a labourer their own enrolments only", async () => {
    const course = await makeCourse(h);
    const me = await makeLabourer(h);
    const other = await makeLabourer(h);
    const mine = await makeEnrolment(h, course.id, me.id);
    const theirs = await makeEnrolment(h, course.id, other.id);
    const auth = await asLabourer(h, me.id);
    const list = await json(await h.api.get("/api/v1/training/enrolments", auth));
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
    expect((await h.api.get(`/api/v1/training/enrolments/${mine.id}`, auth)).status).toBe(200);
    expect((await h.api.get(`/api/v1/training/enrolments/${theirs.id}`, auth)).status).toBe(404);
  });

  it("shows staff enrolments of their courses or of their labourers", async () => {
    const rongshuiCourse = await makeCourse(h, { countyCode: "450225" });
    const gongchengLabourer = await makeLabourer(h, { villageCode: VILLAGES.gongcheng });
    const e = await makeEnrolment(h, rongshuiCourse.id, gongchengLabourer.id);
    expect(
      (await h.api.get(`/api/v1/training/enrolments/${e.id}`, await h.as.cadre("450332"))).status,
    ).toBe(200);
    expect(
      (await h.api.get(`/api/v1/training/enrolments/${e.id}`, await h.as.bureau("450225"))).status,
    ).toBe(200);
    expect(
      (await h.api.get(`/api/v1/training/enrolments/${e.id}`, await h.as.bureau("450226"))).status,
    ).toBe(404);
    const byCourse = await json(
      await h.api.get(
        `/api/v1/training/enrolments?courseId=${rongshuiCourse.id}`,
        await h.as.bureau("450225"),
      ),
    );
    expect(byCourse.body.items.map((x: { id: string }) => x.id)).toEqual([e.id]);
    const sanjiang = await json(
      await h.api.get(
        `/api/v1/training/enrolments?courseId=${rongshuiCourse.id}`,
        await h.as.bureau("450226"),
      ),
    );
    expect(sanjiang.body.items).toEqual([]);
  });
});
