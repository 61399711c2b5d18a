import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { applicationEvents, applications } from "../../../db/schema/placement";
import { type AuthAs, type Harness, json } from "../../support/harness";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../jobs/factory";
import { asLabourer, makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../training/factory";

export { VILLAGES };

type Channel = "odd_job" | "workshop" | "gd_gx" | "public_welfare";

/** An open posting of a fresh verified employer, and that employer's session. */
export async function openPosting(
  h: Harness,
  o: {
    channel?: Channel;
    headcount?: number;
    regionCode?: string;
    fields?: Record<string, unknown>;
  } = {},
) {
  const channel = o.channel ?? "odd_job";
  const employer = await makeEmployer(h, {
    type: channel === "workshop" ? "workshop" : "enterprise",
    regionCode: "450332",
  });
  const as = await asEmployer(h, employer.id);
  const job = await makeJob(
    h,
    as,
    jobBody(channel, {
      headcount: o.headcount ?? 5,
      ...(o.regionCode ? { regionCode: o.regionCode } : {}),
      ...o.fields,
    }),
  );
  return { employer, as, job: job as { id: string; title: string } & Record<string, any> };
}

/** A registered labourer (with their own account) and their session. */
export async function person(h: Harness, fields: Record<string, unknown> = {}) {
  const labourer = await makeLabourer(h, { villageCode: VILLAGES.gongcheng, ...fields });
  return { labourer, as: await asLabourer(h, labourer.id) };
}

/** A labourer who passed a 八桂家政 course (so an employer sees a certificate). */
export async function trainedPerson(h: Harness, fields: Record<string, unknown> = {}) {
  const p = await person(h, fields);
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    countyCode: "450332",
  });
  const enrolment = await makeEnrolment(h, course.id, p.labourer.id);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      { certificateNo: `S-${enrolment.id.slice(0, 8)}`, resultDate: "2026-11-20" },
      await h.as.bureau("450332"),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  return { ...p, enrolment };
}

export async function apply(
  h: Harness,
  as: AuthAs,
  jobId: string,
  extra: Record<string, unknown> = {},
) {
  const res = await json(
    await h.api.post("/api/v1/applications", { jobId, source: "search", ...extra }, as),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; status: string } & Record<string, any>;
}

export async function move(h: Harness, as: AuthAs, id: string, body: Record<string, unknown>) {
  return json(await h.api.post(`/api/v1/applications/${id}/moves`, body, as));
}

/** Moves that must succeed, in order. */
export async function moves(
  h: Harness,
  as: AuthAs,
  id: string,
  ...bodies: Record<string, unknown>[]
) {
  for (const body of bodies) {
    const res = await move(h, as, id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

export const applicationRows = (h: Harness, labourerId: string) =>
  h.deps.db.select().from(applications).where(eq(applications.labourerId, labourerId));

export const eventsOf = (h: Harness, applicationId: string) =>
  h.deps.db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(applicationEvents.id);

export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
