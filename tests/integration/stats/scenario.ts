import type { Harness } from "../../support/harness";
import {
  dateAgo,
  daysAgo,
  GONGCHENG,
  insertAlert,
  insertCourse,
  insertEmployment,
  insertEnrolment,
  insertHousehold,
  insertJob,
  insertLabourer,
  insertNotification,
  insertRound,
  LIANHUA,
  RONGSHUI,
} from "./fixture";

/**
 * The known county (see fixture.ts for the places). Who is who:
 * - a1 莲花, tuopin, full, wants out_province; CONFIRMED job in Shenzhen (gd_gx) → out_province.
 * - a2 恭城镇, monitored, half, wants local; an UNCONFIRMED self-found job → not employed;
 *   enrolled in training (trained, not certified); relocated household with nobody employed.
 * - a3 莲花, tuopin, weak, no intention; CONFIRMED public-welfare post → public_welfare.
 * - a4 莲花, tuopin, full, wants in_province; a confirmed job that ENDED 100 days ago (outside
 *   Guangxi: returned); certified 45 days ago; 1 recommendation; an open shortage alert (家政服务员).
 * - a5 恭城镇, other, full, wants local; certified 35 days ago; confirmed local workshop job
 *   started after that → local, counts for the first-employment rate; 3 recommendations.
 * - b1 融水, tuopin, full, wants out_province; confirmed job outside Guangxi (other county).
 * Households: h1 莲花 {a1, a3} employed; h2 恭城镇 relocated {a2} zero; h3 莲花 {a4} zero;
 * h4 恭城镇 {a5} employed; hb 融水 {b1} employed.
 * Postings: a workshop in 莲花 open (headcount 5), an odd job in 恭城镇 posted then closed.
 */
export async function buildCounty(h: Harness) {
  const h1 = await insertHousehold(h, { villageCode: LIANHUA });
  const h2 = await insertHousehold(h, {
    villageCode: GONGCHENG,
    resettlementSiteName: "恭城镇城北安置点",
    resettlementSiteCode: "GC-01",
  });
  const h3 = await insertHousehold(h, { villageCode: LIANHUA });
  const h4 = await insertHousehold(h, { villageCode: GONGCHENG });
  const hb = await insertHousehold(h, { villageCode: RONGSHUI });

  const a1 = await insertLabourer(h, {
    name: "莫秀英",
    villageCode: LIANHUA,
    householdId: h1.id,
    workIntention: "out_province",
  });
  const a2 = await insertLabourer(h, {
    name: "黄志强",
    villageCode: GONGCHENG,
    householdId: h2.id,
    personType: "monitored",
    labourCapacity: "half",
    workIntention: "local",
  });
  const a3 = await insertLabourer(h, {
    name: "韦桂兰",
    villageCode: LIANHUA,
    householdId: h1.id,
    labourCapacity: "weak",
    workIntention: "none",
  });
  const a4 = await insertLabourer(h, {
    name: "覃明",
    villageCode: LIANHUA,
    householdId: h3.id,
    workIntention: "in_province",
  });
  const a5 = await insertLabourer(h, {
    name: "李四妹",
    villageCode: GONGCHENG,
    householdId: h4.id,
    personType: "other",
    workIntention: "local",
  });
  const b1 = await insertLabourer(h, {
    name: "潘红",
    villageCode: RONGSHUI,
    householdId: hb.id,
    workIntention: "out_province",
  });

  const gd = await insertJob(h, {
    channel: "gd_gx",
    regionCode: "440306",
    placeName: "深圳市宝安区",
    employerRegionCode: "440306",
  });
  await insertEmployment(h, {
    labourerId: a1.id,
    source: "application",
    channel: "gd_gx",
    jobId: gd.id,
    regionCode: "440306",
    outsideGuangxi: true,
  });
  await insertEmployment(h, { labourerId: a2.id, regionCode: "450332" }, false);
  await insertEmployment(h, {
    labourerId: a3.id,
    source: "application",
    channel: "public_welfare",
    regionCode: "450332102201",
  });
  await insertEmployment(h, {
    labourerId: a4.id,
    regionCode: "440306",
    outsideGuangxi: true,
    startDate: dateAgo(300),
    endDate: dateAgo(100),
    confirmedAt: daysAgo(290),
  });
  const workshop = await insertJob(h, { channel: "workshop", regionCode: "450332102" });
  await insertEmployment(h, {
    labourerId: a5.id,
    source: "application",
    channel: "workshop",
    jobId: workshop.id,
    regionCode: "450332102",
    startDate: dateAgo(20),
    confirmedAt: daysAgo(19),
  });
  await insertEmployment(h, {
    labourerId: b1.id,
    regionCode: "440306",
    outsideGuangxi: true,
    channel: "gd_gx",
  });
  const odd = await insertJob(h, {
    channel: "odd_job",
    status: "closed",
    regionCode: "450332100",
    placeName: "恭城镇",
    closedAt: daysAgo(5),
  });

  const course = await insertCourse(h);
  const e2 = await insertEnrolment(h, course.id, a2.id);
  const e4 = await insertEnrolment(h, course.id, a4.id, 45);
  const e5 = await insertEnrolment(h, course.id, a5.id, 35);
  const r4 = await insertRound(h, e4, [gd.id]);
  await insertRound(h, e5, [gd.id, workshop.id, odd.id]);
  const alert = await insertAlert(h, r4.round.id, a4.id);
  const r2 = await insertRound(h, e2, []);
  await insertAlert(h, r2.round.id, a2.id, {
    status: "resolved",
    resolution: "staff",
    resolvedAt: daysAgo(10),
    occupations: ["普工"],
  });
  await insertNotification(h, a4.id, daysAgo(25));
  return { a1, a2, a3, a4, a5, b1, h1, h2, h3, h4, hb, jobs: { gd, workshop, odd }, alert };
}
