import { randomUUID } from "node:crypto";
import { jobs } from "../../../db/schema/jobs";
import { households, labourers } from "../../../db/schema/labourers";
import { notifications } from "../../../db/schema/notifications";
import { employments } from "../../../db/schema/placement";
import {
  recommendationRounds,
  recommendations,
  shortageAlerts,
} from "../../../db/schema/recommendations";
import { trainingCourses, trainingEnrolments } from "../../../db/schema/training";
import { chinaDate } from "../../../src/lib/china-time";
import type { Harness } from "../../support/harness";
import { makeEmployer } from "../jobs/factory";

/**
 * A small hand-built county where every monitoring figure is known (docs/MONITORING.md), plus one
 * person in another county for scoping. Rows are inserted directly so that dates are exact.
 *
 * 恭城 450332: 莲花镇 450332102 (village 竹山村 450332102201), 恭城镇 450332100 (门楼村 450332100201).
 * 融水 450225: 和睦镇 450225101 (古顶村 450225101201).
 */
export const LIANHUA = "450332102201";
export const GONGCHENG = "450332100201";
export const RONGSHUI = "450225101201";

const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
export const dateAgo = (n: number) => chinaDate(daysAgo(n));

let seq = 0;
type LabourerIn = Partial<typeof labourers.$inferInsert> & { villageCode: string; name: string };

export async function insertLabourer(h: Harness, l: LabourerIn) {
  seq++;
  const hash = `stats-${randomUUID()}`;
  const [row] = await h.deps.db
    .insert(labourers)
    .values({
      idNumberEnc: "v1.test",
      idNumberHash: hash,
      idNumberMasked: `${l.villageCode.slice(0, 6)}********${String(1000 + seq).slice(-4)}`,
      phoneMasked: "139****0000",
      sex: "female",
      birthDate: "1985-05-05",
      personType: "tuopin",
      labourCapacity: "full",
      ...l,
    })
    .returning();
  return row!;
}

export async function insertHousehold(
  h: Harness,
  v: Partial<typeof households.$inferInsert> & { villageCode: string },
) {
  const [row] = await h.deps.db
    .insert(households)
    .values({ householdNo: `HH-${randomUUID().slice(0, 23)}`, headName: "莫振华", ...v })
    .returning();
  return row!;
}

type EmploymentIn = Partial<typeof employments.$inferInsert> & { labourerId: string };
export async function insertEmployment(h: Harness, e: EmploymentIn, confirmed = true) {
  const [row] = await h.deps.db
    .insert(employments)
    .values({
      source: "self_found",
      employerName: "测试单位",
      regionCode: "450332",
      outsideGuangxi: false,
      startDate: dateAgo(60),
      recordedRole: "bureau",
      ...(confirmed ? { confirmedAt: daysAgo(50), confirmedRole: "bureau" } : {}),
      ...e,
    })
    .returning();
  return row!;
}

export async function insertJob(h: Harness, j: Partial<typeof jobs.$inferInsert> = {}) {
  const employer = await makeEmployer(h);
  const [row] = await h.deps.db
    .insert(jobs)
    .values({
      employerId: employer.id,
      channel: "workshop",
      status: "open",
      title: "车间普工",
      occupation: "普工",
      headcount: 5,
      wageMinFen: 10000,
      wageMaxFen: 15000,
      wageUnit: "day",
      regionCode: "450332102",
      placeName: "莲花镇",
      employerRegionCode: "450332",
      ageMin: 18,
      ageMax: 60,
      contactName: "黄秀英",
      contactPhoneEnc: "v1.test",
      contactPhoneMasked: "139****0000",
      postedAt: daysAgo(20),
      expiresAt: new Date(Date.now() + 30 * DAY),
      ...j,
    })
    .returning();
  return row!;
}

export async function insertCourse(h: Harness) {
  const [row] = await h.deps.db
    .insert(trainingCourses)
    .values({
      occupation: "家政服务员",
      title: "恭城县家政服务员培训班",
      provider: "恭城县职业技术学校",
      startDate: dateAgo(40),
      endDate: dateAgo(30),
      countyCode: "450332",
      capacity: 30,
    })
    .returning();
  return row!;
}

export async function insertEnrolment(
  h: Harness,
  courseId: string,
  labourerId: string,
  passedDaysAgo?: number,
) {
  const [row] = await h.deps.db
    .insert(trainingEnrolments)
    .values({
      courseId,
      labourerId,
      ...(passedDaysAgo !== undefined
        ? {
            status: "passed" as const,
            certificateNo: `C-${randomUUID().slice(0, 8)}`,
            resultDate: dateAgo(passedDaysAgo),
            resultRecordedAt: daysAgo(passedDaysAgo),
          }
        : {}),
    })
    .returning();
  return row!;
}

/** A round on the enrolment with `n` recommendations of `jobId`s (one job per recommendation). */
export async function insertRound(
  h: Harness,
  enrolment: { id: string; labourerId: string },
  jobIds: string[],
  o: { round?: number; createdAt?: Date; matcherVersion?: string } = {},
) {
  const [round] = await h.deps.db
    .insert(recommendationRounds)
    .values({
      labourerId: enrolment.labourerId,
      enrolmentId: enrolment.id,
      round: o.round ?? 1,
      trigger: "training_passed",
      outcome: jobIds.length >= 3 ? "complete" : "shortage",
      picked: jobIds.length,
      matcherVersion: o.matcherVersion ?? "1",
      createdAt: o.createdAt ?? daysAgo(25),
    })
    .returning();
  const recs = jobIds.length
    ? await h.deps.db
        .insert(recommendations)
        .values(
          jobIds.map((jobId, i) => ({
            roundId: round!.id,
            labourerId: enrolment.labourerId,
            jobId,
            round: o.round ?? 1,
            rank: i + 1,
            score: 0.8,
            scoreParts: {},
            reason: "离家近",
            step: "exact",
            createdAt: o.createdAt ?? daysAgo(25),
          })),
        )
        .returning()
    : [];
  return { round: round!, recs };
}

export async function insertNotification(h: Harness, labourerId: string, createdAt: Date) {
  await h.deps.db.insert(notifications).values({
    kind: "round",
    subjectKey: randomUUID(),
    labourerId,
    status: "delivered",
    content: { text: "为您推荐岗位" },
    createdAt,
  });
}

export async function insertAlert(
  h: Harness,
  roundId: string,
  labourerId: string,
  o: Partial<typeof shortageAlerts.$inferInsert> = {},
) {
  const [row] = await h.deps.db
    .insert(shortageAlerts)
    .values({
      roundId,
      labourerId,
      countyCode: "450332",
      found: 1,
      missing: 2,
      occupations: ["家政服务员"],
      createdAt: daysAgo(20),
      ...o,
    })
    .returning();
  return row!;
}
