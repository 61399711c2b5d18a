import { describe, expect, it } from "vitest";
import {
  defaultExpiry,
  type JobDraft,
  transportSubsidyEligible,
  validateJobDraft,
} from "../../../src/modules/jobs/rules";

const now = new Date("2026-03-01T02:00:00Z");
const limits = { now, ageMinLegal: 16, ageMaxAllowed: 65 };
const draft = (o: Partial<JobDraft> = {}): JobDraft => ({
  channel: "gd_gx",
  title: "电子厂普工",
  description: "",
  occupation: "普工",
  skills: [],
  certificates: [],
  benefits: [],
  wageMinFen: 450000,
  wageMaxFen: 650000,
  wageUnit: "month",
  regionCode: "440306",
  lat: null,
  lng: null,
  address: null,
  ageMin: 18,
  ageMax: 45,
  physicalDemand: "normal",
  meetingPoint: null,
  workStartOn: null,
  workEndOn: null,
  departureRegionCode: null,
  coBuiltPark: false,
  expiresAt: new Date("2026-03-31T00:00:00Z"),
  ...o,
});
const fieldOf = (d: JobDraft) => {
  try {
    validateJobDraft(d, limits);
    return undefined;
  } catch (err) {
    return (err as { extra: { field?: string } }).extra.field;
  }
};

describe("posting rules", () => {
  it("accepts a well-formed posting", () => {
    expect(fieldOf(draft())).toBeUndefined();
  });

  it.each([
    [{ ageMin: 15 }, "ageMin"],
    [{ ageMax: 66 }, "ageMax"],
    [{ ageMin: 40, ageMax: 30 }, "ageMax"],
    [{ wageMinFen: 700000 }, "wageMaxFen"],
    [{ lat: 22.5 }, "lng"],
    [{ regionCode: "450332" }, "regionCode"],
    [{ departureRegionCode: "440306" }, "departureRegionCode"],
    [{ expiresAt: new Date("2026-02-01T00:00:00Z") }, "expiresAt"],
    [{ expiresAt: new Date("2026-12-01T00:00:00Z") }, "expiresAt"],
    [
      {
        channel: "odd_job",
        regionCode: "450332",
        wageUnit: "day",
        workStartOn: "2026-03-05",
        meetingPoint: null,
      },
      "meetingPoint",
    ],
    [
      {
        channel: "odd_job",
        regionCode: "450332",
        wageUnit: "day",
        workStartOn: "2026-03-05",
        workEndOn: "2026-03-01",
        meetingPoint: "车站",
      },
      "workEndOn",
    ],
    [{ channel: "workshop", regionCode: "440306" }, "regionCode"],
    [{ description: "限男性" }, "description"],
  ] as [Partial<JobDraft>, string][])("refuses %o on %s", (o, field) => {
    expect(fieldOf(draft(o))).toBe(field);
  });

  it("expires odd jobs after their last day (China time) and others after 30 days", () => {
    expect(defaultExpiry("odd_job", "2026-03-10", "2026-03-05", now).toISOString()).toBe(
      "2026-03-10T16:00:00.000Z",
    );
    expect(defaultExpiry("gd_gx", null, null, now).toISOString()).toBe("2026-03-31T02:00:00.000Z");
  });

  it("makes work outside Guangxi subsidy-eligible", () => {
    expect(transportSubsidyEligible("440306")).toBe(true);
    expect(transportSubsidyEligible("450332")).toBe(false);
  });
});
