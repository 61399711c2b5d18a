import { chinaDayStart } from "../../lib/china-time";
import { AppError } from "../../lib/errors";
import { CATEGORY_LABEL, checkDiscrimination } from "./discrimination";

export type Channel = "odd_job" | "workshop" | "gd_gx" | "public_welfare" | "enterprise";

/** A posting's business fields after defaults, before it is stored. */
export interface JobDraft {
  channel: Channel;
  title: string;
  description: string;
  occupation: string;
  skills: string[];
  certificates: string[];
  benefits: string[];
  wageMinFen: number;
  wageMaxFen: number;
  wageUnit: "day" | "month" | "piece";
  regionCode: string;
  lat: number | null;
  lng: number | null;
  address: string | null;
  ageMin: number;
  ageMax: number;
  physicalDemand: "light" | "normal" | "heavy";
  meetingPoint: string | null;
  workStartOn: string | null;
  workEndOn: string | null;
  departureRegionCode: string | null;
  /** enterprise only: a job in an industrial park co-built with Guangdong (共建园区). */
  coBuiltPark: boolean;
  expiresAt: Date;
}

export interface RuleLimits {
  now: Date;
  /** 劳动法 §15: no one under 16 may be hired. */
  ageMinLegal: number;
  ageMaxAllowed: number;
}

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_OPEN_DAYS = 30;
export const MAX_OPEN_DAYS = 180;

const invalid = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", message, { field });

/** Odd jobs run out with their last work day (China time); other postings stay 30 days. */
export function defaultExpiry(
  channel: Channel,
  workEndOn: string | null,
  workStartOn: string | null,
  now: Date,
): Date {
  const lastDay = workEndOn ?? workStartOn;
  if (channel === "odd_job" && lastDay)
    return new Date((chinaDayStart(lastDay) + 24 * 3600) * 1000);
  return new Date(now.getTime() + DEFAULT_OPEN_DAYS * DAY_MS);
}

/** Throws the first broken rule as a 4xx naming its field. */
export function validateJobDraft(d: JobDraft, limits: RuleLimits): void {
  if (d.wageMinFen > d.wageMaxFen) throw invalid("wageMaxFen", "最高工资不能低于最低工资");
  if (d.ageMin < limits.ageMinLegal)
    throw invalid("ageMin", `依法不得招用未满 ${limits.ageMinLegal} 周岁的未成年人`);
  if (d.ageMax > limits.ageMaxAllowed)
    throw invalid("ageMax", `年龄上限不能超过 ${limits.ageMaxAllowed} 周岁`);
  if (d.ageMin > d.ageMax) throw invalid("ageMax", "年龄上限不能低于年龄下限");
  if ((d.lat === null) !== (d.lng === null))
    throw invalid(d.lat === null ? "lat" : "lng", "经纬度须同时填写");
  validateChannel(d);
  if (d.expiresAt.getTime() <= limits.now.getTime())
    throw invalid("expiresAt", "截止时间须晚于当前时间");
  if (d.expiresAt.getTime() > limits.now.getTime() + MAX_OPEN_DAYS * DAY_MS) {
    throw invalid("expiresAt", `截止时间不能超过 ${MAX_OPEN_DAYS} 天，到期后可重新发布`);
  }
  assertNotDiscriminatory(d);
}

function validateChannel(d: JobDraft): void {
  const inGuangxi = d.regionCode.startsWith("45");
  if (d.coBuiltPark && d.channel !== "enterprise")
    throw invalid("coBuiltPark", "只有区内企业岗位可以标为共建园区岗位");
  switch (d.channel) {
    case "odd_job":
      if (d.wageUnit === "month") throw invalid("wageUnit", "零工岗位请按日薪或计件填写工资");
      if (!d.workStartOn) throw invalid("workStartOn", "零工岗位请填写开工日期");
      if (!d.meetingPoint) throw invalid("meetingPoint", "零工岗位请填写集合地点");
      if (d.workEndOn && d.workEndOn < d.workStartOn)
        throw invalid("workEndOn", "完工日期不能早于开工日期");
      if (!inGuangxi) throw invalid("regionCode", "零工岗位的工作地点须在广西区内");
      break;
    case "gd_gx":
      if (!d.regionCode.startsWith("44"))
        throw invalid("regionCode", "粤桂劳务协作岗位的工作地点须在广东省");
      if (d.departureRegionCode && !d.departureRegionCode.startsWith("45")) {
        throw invalid("departureRegionCode", "点对点输送的出发地须为广西的县（市、区）");
      }
      break;
    case "enterprise":
      // 422 like the employer check: the channel, not the field's form, is what does not fit.
      if (!inGuangxi) {
        throw new AppError(
          "JOB_CHANNEL_NOT_ALLOWED",
          d.coBuiltPark
            ? "共建园区岗位的工作地点须在广西区内的粤桂共建产业园区；广东的岗位请按粤桂劳务协作发布"
            : "区内企业岗位的工作地点须在广西区内；广东的岗位请按粤桂劳务协作发布",
          { field: "regionCode" },
        );
      }
      break;
    case "workshop":
    case "public_welfare":
      if (!inGuangxi)
        throw invalid(
          "regionCode",
          d.channel === "workshop"
            ? "帮扶车间岗位的工作地点须在广西区内"
            : "乡村公益性岗位的工作地点须在广西区内",
        );
      break;
  }
}

export function assertNotDiscriminatory(
  d: Pick<
    JobDraft,
    "title" | "description" | "occupation" | "skills" | "benefits" | "meetingPoint" | "address"
  >,
): void {
  const hit = checkDiscrimination({
    title: d.title,
    occupation: d.occupation,
    description: d.description,
    skills: d.skills,
    benefits: d.benefits,
    meetingPoint: d.meetingPoint,
    address: d.address,
  });
  if (hit) {
    throw new AppError(
      "JOB_DISCRIMINATORY",
      `岗位信息含有${CATEGORY_LABEL[hit.category]}歧视性内容“${hit.phrase}”，依法不得发布，请修改后再提交`,
      { field: hit.field, details: { phrase: hit.phrase, category: hit.category } },
    );
  }
}

/** Working outside Guangxi makes a poverty-alleviated labourer eligible for the round-trip transport subsidy. */
export function transportSubsidyEligible(regionCode: string): boolean {
  return !regionCode.startsWith("45");
}
