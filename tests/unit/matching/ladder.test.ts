import { describe, expect, it } from "vitest";
import { ENTRY_LEVEL_OCCUPATIONS } from "../../../src/modules/matching/entry-level";
import {
  allowedChannels,
  ineligibility,
  jobFitsStep,
  ladderFor,
  mayBePushed,
} from "../../../src/modules/matching/ladder";
import { stepFilter } from "../../../src/modules/matching/step-filter";
import { ancestry, job, profile } from "./gen";

describe("eligibility", () => {
  it.each([
    ["none", "full", []],
    ["local", "none", []],
    ["local", "full", ["odd_job", "workshop", "public_welfare", "enterprise"]],
    ["in_province", "half", ["odd_job", "workshop", "public_welfare", "enterprise"]],
    ["out_province", "full", ["odd_job", "workshop", "public_welfare", "enterprise", "gd_gx"]],
    ["out_province", "half", ["odd_job", "workshop", "public_welfare", "enterprise", "gd_gx"]],
    ["out_province", "weak", ["odd_job", "workshop", "public_welfare", "enterprise"]],
  ] as const)("intention %s, capacity %s → %j", (workIntention, labourCapacity, channels) => {
    expect(allowedChannels({ workIntention, labourCapacity })).toEqual(channels);
  });

  it("names why a person is not pushed jobs", () => {
    expect(ineligibility({ workIntention: "none", labourCapacity: "full" })).toBe(
      "no_work_intention",
    );
    expect(ineligibility({ workIntention: "local", labourCapacity: "none" })).toBe(
      "no_labour_capacity",
    );
    expect(ladderFor(profile({ workIntention: "none" }))).toEqual([]);
  });
});

describe("enterprise jobs in Guangxi (区内企业岗位)", () => {
  // 柳州市柳江区: another city than the 恭城 (桂林) home of `profile()`.
  const liuzhou = job({
    channel: "enterprise",
    occupation: "装配工",
    regionCodes: ancestry("450206"),
    location: { lat: 24.25, lng: 109.33 },
  });
  const gongcheng = job({ channel: "enterprise", occupation: "装配工" });

  it.each([
    "in_province",
    "out_province",
  ] as const)("reach %s people anywhere in Guangxi", (workIntention) => {
    expect(allowedChannels({ workIntention, labourCapacity: "full" })).toContain("enterprise");
    expect(mayBePushed(profile({ workIntention }), liuzhou)).toBe(true);
    const guangxi = ladderFor(profile({ workIntention })).find((s) => s.key === "guangxi")!;
    expect(guangxi.scopes).toContainEqual({
      channels: ["odd_job", "workshop", "enterprise"],
      regionCodes: ["45"],
    });
  });

  it("reach local-intention people of the work city only", () => {
    expect(allowedChannels({ workIntention: "local", labourCapacity: "full" })).toContain(
      "enterprise",
    );
    expect(mayBePushed(profile({ workIntention: "local" }), gongcheng)).toBe(true);
    expect(mayBePushed(profile({ workIntention: "local" }), liuzhou)).toBe(false);
  });

  it("reach weak labour only when the work is light", () => {
    const weak = profile({ labourCapacity: "weak" });
    expect(mayBePushed(weak, { ...gongcheng, physicalDemand: "normal" })).toBe(false);
    expect(mayBePushed(weak, { ...gongcheng, physicalDemand: "light" })).toBe(true);
  });
});

describe("the ladder", () => {
  it("goes township → county → city for local intention, no further; public-welfare posts only as the last safety net for full labour", () => {
    const steps = ladderFor(
      profile({
        workIntention: "local",
        occupations: ["普工"],
        expectedWage: { fen: 15_000, unit: "day" },
      }),
    );
    expect(steps.map((s) => s.key)).toEqual([
      "township",
      "county",
      "city",
      "wage_floor",
      "neighbour_occupations",
      "safety_net",
    ]);
    expect(steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(steps[0]!.scopes).toEqual([
      { channels: ["odd_job", "workshop", "enterprise"], regionCodes: ["450332100"] },
    ]);
    expect(steps[2]!.scopes[0]!.regionCodes).toEqual(["4503"]);
    expect(steps[5]!.scopes).toContainEqual({
      channels: ["public_welfare"],
      regionCodes: ["450332100"],
    });
  });

  it.each([
    ["half labour", { labourCapacity: "half" as const }],
    ["weak labour", { labourCapacity: "weak" as const }],
    ["a key-assistance person", { keyAssistance: true }],
    ["a zero-employment household", { zeroEmploymentHousehold: true }],
    ["a carer (declined for family)", { declined: [{ jobId: "x", reason: "family" as const }] }],
  ])("offers public-welfare posts to %s in their own township at every rung", (_name, over) => {
    const steps = ladderFor(profile({ workIntention: "in_province", ...over }));
    const welfare = steps.map(
      (step) => step.scopes.find((s) => s.channels.includes("public_welfare"))?.regionCodes,
    );
    expect(
      welfare.every((w) => JSON.stringify(w) === JSON.stringify(["450332100"])),
      JSON.stringify(welfare),
    ).toBe(true);
    expect(steps.map((s) => s.key)).not.toContain("safety_net");
  });

  it("never offers heavy work to weak labour", () => {
    expect(ladderFor(profile({ labourCapacity: "weak" })).every((s) => !s.heavyWork)).toBe(true);
    expect(ladderFor(profile({ labourCapacity: "half" })).every((s) => s.heavyWork)).toBe(true);
    const weak = ladderFor(profile({ labourCapacity: "weak" }))[0]!;
    expect(jobFitsStep(weak, job({ physicalDemand: "heavy" }))).toBe(false);
    expect(jobFitsStep(weak, job({ physicalDemand: "light" }))).toBe(true);
  });

  it("offers preferred Guangdong cities from the first rung and all of Guangdong later", () => {
    const steps = ladderFor(
      profile({ workIntention: "out_province", preferredGdCityCodes: ["4419", "4403"] }),
    );
    expect(steps.map((s) => s.key)).toEqual([
      "township",
      "county",
      "city",
      "guangxi",
      "guangdong",
      "safety_net",
    ]);
    const gd = (i: number) =>
      steps[i]!.scopes.find((s) => s.channels.includes("gd_gx"))?.regionCodes;
    expect(gd(0)).toEqual(["4403", "4419"]);
    expect(gd(4)).toEqual(["44"]);
  });

  it("skips rungs that would repeat the previous one", () => {
    const noWishes = ladderFor(profile({ workIntention: "out_province" }));
    // No preferred city: all of Guangdong from the start, so no separate guangdong rung; no wage, no occupations.
    expect(noWishes.map((s) => s.key)).toEqual([
      "township",
      "county",
      "city",
      "guangxi",
      "safety_net",
    ]);
    // A home known only to the county: no township rung, and no township for public-welfare posts either.
    const countyOnly = ladderFor(
      profile({ workIntention: "local", homeRegionCodes: ancestry("450332") }),
    );
    expect(countyOnly.map((s) => s.key)).toEqual(["county", "city"]);
  });

  it("lowers the wage floor from 90 % to 70 % of the wish, as a day-equivalent (22 days a month)", () => {
    const steps = ladderFor(profile({ expectedWage: { fen: 440_000, unit: "month" } }));
    expect(steps[0]!.wageFloorDayFen).toBe(18_000);
    expect(steps.find((s) => s.key === "wage_floor")!.wageFloorDayFen).toBe(14_000);
  });

  it("widens occupations to neighbours on the last rung only", () => {
    const steps = ladderFor(profile({ occupations: ["普工"] }));
    expect(steps[0]!.occupations).toEqual(["普工"]);
    expect(steps[steps.length - 1]!.occupations).toEqual(
      expect.arrayContaining(["普工", "包装工", "装配工"]),
    );
  });
});

describe("jobFitsStep", () => {
  const step = (over = {}) =>
    ladderFor(
      profile({
        occupations: ["普工"],
        expectedWage: { fen: 15_000, unit: "day" },
        certificates: [],
        ...over,
      }),
    )[0]!;

  it.each([
    ["a workshop in the home township", {}, true],
    ["a workshop in the next county", { regionCodes: ancestry("450321100") }, false],
    [
      "a Guangdong job for an in-province person",
      { channel: "gd_gx" as const, regionCodes: ancestry("440306"), destinationCityCode: "4403" },
      false,
    ],
    ["an unrelated occupation", { occupation: "保安员" }, false],
    ["entry-level work beside the own occupation (bamboo weaving)", { occupation: "竹编工" }, true],
    ["entry-level work: picking", { occupation: "采摘工", channel: "odd_job" as const }, true],
    ["heavy work for full labour", { physicalDemand: "heavy" as const }, true],
    ["pay below 90 % of the wish", { wageMinFen: 200_000, wageMaxFen: 250_000 }, false],
    [
      "a piece rate (never compared)",
      { wageUnit: "piece" as const, wageMinFen: 50, wageMaxFen: 80 },
      true,
    ],
    ["an age range excluding 40", { ageMax: 35 }, false],
    ["an age range including 40", { ageMin: 18, ageMax: 45 }, true],
    ["a certificate the person lacks", { requiredBrandCodes: ["bagui_jiazheng"] }, false],
  ])("%s → %s", (_name, over, fits) => {
    expect(jobFitsStep(step(), job(over))).toBe(fits);
  });

  it("a certificate widens: whatever fits without it still fits with it", () => {
    const cert = {
      brandCode: "bagui_jiazheng",
      brandName: "八桂家政",
      occupations: ["家政服务员"],
    };
    for (const occupation of ["普工", "缝纫工", "竹编工", "采摘工", "保安员", "家政服务员"]) {
      const without = jobFitsStep(step(), job({ occupation }));
      const withCert = jobFitsStep(step({ certificates: [cert] }), job({ occupation }));
      expect(!without || withCert, occupation).toBe(true);
    }
    expect(
      jobFitsStep(step({ occupations: [], certificates: [cert] }), job({ occupation: "缝纫工" })),
    ).toBe(true);
  });

  it("never excludes by age when the age is unknown", () => {
    expect(jobFitsStep(step({ age: null }), job({ ageMax: 20 }))).toBe(true);
  });
});

describe("stepFilter", () => {
  it("turns a rung into a Meilisearch filter", () => {
    const s = ladderFor(
      profile({
        occupations: ["普工"],
        expectedWage: { fen: 15_000, unit: "day" },
        certificates: [{ brandCode: "b1", brandName: "八桂建工", occupations: [] }],
      }),
    )[0]!;
    expect(stepFilter(s)).toBe(
      '((channel IN ["odd_job", "workshop", "enterprise"] AND regionCodes IN ["450332100"]))' +
        " AND NOT wageTopDayFen < 13500" +
        ` AND (occupation IN ${JSON.stringify([...ENTRY_LEVEL_OCCUPATIONS].sort()).replace(/","/g, '", "')} OR channel IN ["public_welfare"])` +
        " AND NOT ageMin > 40 AND NOT ageMax < 40" +
        ' AND (certificates IS EMPTY OR certificates NOT EXISTS OR certificates IN ["b1"])',
    );
  });
});

describe("mayBePushed (who a posting's candidate list may show)", () => {
  const home = {
    homeRegionCodes: ancestry("450332100201"),
    occupations: [] as string[],
    expectedWage: null,
  };
  it.each([
    [
      "a local person, workshop in the home city",
      { workIntention: "local" as const },
      { channel: "workshop" as const, regionCodes: ancestry("450321100") },
      true,
    ],
    [
      "a local person, workshop in another city",
      { workIntention: "local" as const },
      { channel: "workshop" as const, regionCodes: ancestry("450225101") },
      false,
    ],
    [
      "an in-province person, workshop in another city",
      { workIntention: "in_province" as const },
      { channel: "workshop" as const, regionCodes: ancestry("450225101") },
      true,
    ],
    [
      "an in-province person, public-welfare post in another county",
      { workIntention: "in_province" as const },
      { channel: "public_welfare" as const, regionCodes: ancestry("450321100") },
      false,
    ],
    [
      "an in-province person, Guangdong job",
      { workIntention: "in_province" as const },
      { channel: "gd_gx" as const, regionCodes: ancestry("440306"), destinationCityCode: "4403" },
      false,
    ],
    [
      "an out-of-province person, Guangdong job outside the preferred cities",
      { workIntention: "out_province" as const, preferredGdCityCodes: ["4403"] },
      { channel: "gd_gx" as const, regionCodes: ancestry("440604"), destinationCityCode: "4406" },
      true,
    ],
    [
      "weak labour, Guangdong job",
      { workIntention: "out_province" as const, labourCapacity: "weak" as const },
      { channel: "gd_gx" as const, regionCodes: ancestry("440306"), destinationCityCode: "4403" },
      false,
    ],
  ])("%s → %s", (_name, person, posting, expected) => {
    expect(
      mayBePushed(
        profile({ ...home, ...person }),
        job({ ageMin: null, ageMax: null, requiredBrandCodes: [], ...posting }),
      ),
    ).toBe(expected);
  });
});
