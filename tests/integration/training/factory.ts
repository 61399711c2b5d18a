import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { outbox } from "../../../db/schema/outbox";
import { type AuthAs, type Harness, json } from "../../support/harness";

export { asLabourer, makeLabourer, VILLAGES } from "../labourers/factory";

export function courseBody(overrides: Record<string, unknown> = {}) {
  return {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    title: `八桂家政（育婴员）订单培训班第 ${randomInt(1, 100)} 期`,
    provider: "恭城瑶族自治县职业技术学校",
    startDate: "2026-03-02",
    endDate: "2026-03-20",
    countyCode: "450332",
    capacity: 40,
    ...overrides,
  };
}

/** A course opened through the API by the bureau of its county (or `as`). */
export async function makeCourse(h: Harness, overrides: Record<string, unknown> = {}, as?: AuthAs) {
  const body = courseBody(overrides);
  const res = await json(
    await h.api.post(
      "/api/v1/training/courses",
      body,
      as ?? (await h.as.bureau(String(body.countyCode))),
    ),
  );
  if (res.status !== 201) throw new Error(`makeCourse: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; countyCode: string } & Record<string, any>;
}

/** Enrols through the API as an admin (or `as`), failing loudly on anything but 201. */
export async function makeEnrolment(h: Harness, courseId: string, labourerId: string, as?: AuthAs) {
  const res = await json(
    await h.api.post(
      "/api/v1/training/enrolments",
      { courseId, labourerId },
      as ?? (await h.as.admin()),
    ),
  );
  if (res.status !== 201)
    throw new Error(`makeEnrolment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string } & Record<string, any>;
}

/** The outbox rows written for one aggregate, read from the table itself. */
export const outboxRows = (h: Harness, aggregateId: string) =>
  h.deps.db.select().from(outbox).where(eq(outbox.aggregateId, aggregateId));
