import { describe, expect, it } from "vitest";
import { formatWage } from "../../../src/modules/matching/reasons";
import {
  declineSignals,
  NEUTRAL,
  scoreJob,
  WEIGHTS,
  wageFit,
} from "../../../src/modules/matching/scoring";
import { dayEquivalentFen } from "../../../src/modules/matching/wage";
import { ancestry, BRANDS, job, NOW, profile } from "./gen";

const jiazheng = BRANDS[0]!;

describe("score parts", () => {
  it("weights add up to 100", () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("counts a labour-brand certificate fully for its occupations, and not for others", () => {
    const p = profile({ certificates: [jiazheng] });
    expect(scoreJob(p, job({ occupation: "育婴员" }), NOW).parts.certificate).toBe(
      WEIGHTS.certificate,
    );
    expect(scoreJob(p, job({ occupation: "普工" }), NOW).parts.certificate).toBe(0);
    expect(
      scoreJob(p, job({ occupation: "保洁员", requiredBrandCodes: [jiazheng.brandCode] }), NOW)
        .parts.certificate,
    ).toBe(WEIGHTS.certificate);
  });

  it("gives the own occupation full skill credit, a neighbour partial, an unrelated one little", () => {
    const p = profile({ occupations: ["普工"] });
    const skill = (occupation: string) => scoreJob(p, job({ occupation }), NOW).parts.skill;
    expect(skill("普工")).toBe(WEIGHTS.skill);
    expect(skill("包装工")).toBeGreaterThan(skill("保安员"));
    expect(skill("包装工")).toBeLessThan(skill("普工"));
  });

  it("converts wages to a day-equivalent with 22 working days a month; piece rates are not compared", () => {
    expect(dayEquivalentFen(440_000, "month")).toBe(20_000);
    expect(dayEquivalentFen(16_000, "day")).toBe(16_000);
    expect(dayEquivalentFen(50, "piece")).toBeNull();
    const p = profile({ expectedWage: { fen: 20_000, unit: "day" } });
    expect(
      wageFit(p, job({ wageMinFen: 440_000, wageMaxFen: null }), declineSignals(p)),
    ).toBeCloseTo(0.5);
    expect(
      wageFit(p, job({ wageUnit: "piece", wageMinFen: 80, wageMaxFen: null }), declineSignals(p)),
    ).toBe(NEUTRAL);
  });

  it("rewards pay above the wish and marks pay below it down", () => {
    const p = profile({ expectedWage: { fen: 16_000, unit: "day" } });
    const wage = (fen: number) =>
      scoreJob(
        p,
        job({ channel: "odd_job", wageUnit: "day", wageMinFen: fen, wageMaxFen: null }),
        NOW,
      ).parts.wage;
    expect(wage(20_000)).toBeGreaterThan(wage(16_000));
    expect(wage(16_000)).toBeGreaterThan(wage(12_000));
  });

  it("puts workshops and public-welfare posts first for half and weak labour", () => {
    for (const labourCapacity of ["half", "weak"] as const) {
      const p = profile({ labourCapacity });
      const cap = (channel: "odd_job" | "workshop" | "public_welfare") =>
        scoreJob(p, job({ channel }), NOW).parts.capacity;
      expect(cap("workshop")).toBeGreaterThan(cap("odd_job"));
      expect(cap("public_welfare")).toBeGreaterThan(cap("odd_job"));
    }
  });

  it("gives key-assistance people and zero-employment households priority, most in workshops", () => {
    const ordinary = scoreJob(profile(), job(), NOW).parts.priority;
    const key = scoreJob(profile({ keyAssistance: true }), job(), NOW).parts.priority;
    const zero = scoreJob(
      profile({ zeroEmploymentHousehold: true }),
      job({ channel: "odd_job" }),
      NOW,
    ).parts.priority;
    expect(ordinary).toBe(0);
    expect(key).toBe(WEIGHTS.priority);
    expect(zero).toBeGreaterThan(0);
    expect(zero).toBeLessThan(key);
  });

  it("prefers fresh postings; odd jobs age faster", () => {
    const at = (days: number, channel: "odd_job" | "workshop") =>
      scoreJob(
        profile(),
        job({ channel, postedAt: new Date(NOW.getTime() - days * 86_400_000) }),
        NOW,
      ).parts.freshness;
    expect(at(0, "workshop")).toBe(WEIGHTS.freshness);
    expect(at(3, "odd_job")).toBe(WEIGHTS.freshness / 2);
    expect(at(3, "workshop")).toBeGreaterThan(at(3, "odd_job"));
  });

  it("remembers declines: too far shrinks the distance scale, unsuitable work halves that occupation's skill part", () => {
    const base = profile({ occupations: ["普工"] });
    const far = profile({ ...base, declined: [{ jobId: "x", reason: "too_far" }] });
    const unsuitable = profile({
      ...base,
      declined: [{ jobId: "x", reason: "unsuitable_work", occupation: "普工" }],
    });
    const j = job({ location: { lat: 24.95, lng: 110.95 } });
    expect(scoreJob(far, j, NOW).parts.distance).toBeLessThan(
      scoreJob(base, j, NOW).parts.distance,
    );
    expect(scoreJob(unsuitable, j, NOW).parts.skill).toBe(WEIGHTS.skill / 2);
  });
});

describe("missing data is neutral", () => {
  it("no wage wish: the wage is judged against the minimum wage where the work is, so 800 a month never ties with 6,500", () => {
    const p = profile({ expectedWage: null });
    const monthly = (fen: number, over = {}) =>
      scoreJob(p, job({ wageUnit: "month", wageMinFen: fen, wageMaxFen: null, ...over }), NOW).parts
        .wage;
    const welfare = monthly(80_000, { channel: "public_welfare" });
    const shenzhen = monthly(650_000, {
      channel: "gd_gx",
      regionCodes: ancestry("440306"),
      destinationCityCode: "4403",
    });
    expect(welfare).toBeLessThan(NEUTRAL * WEIGHTS.wage);
    expect(shenzhen).toBeGreaterThan(0.9 * WEIGHTS.wage);
    const values = [10_000, 20_000, 40_000].map(
      (fen) =>
        scoreJob(p, job({ wageUnit: "day", wageMinFen: fen, wageMaxFen: null }), NOW).parts.wage,
    );
    expect(values[0]).toBeLessThan(values[1]!);
    expect(values[1]).toBeLessThan(values[2]!);
    // A piece rate has no day-equivalent: still neutral.
    expect(
      scoreJob(p, job({ wageUnit: "piece", wageMinFen: 50, wageMaxFen: 80 }), NOW).parts.wage,
    ).toBe(NEUTRAL * WEIGHTS.wage);
  });

  it("scores heavy work down for half labour, not for full labour", () => {
    const heavy = job({ physicalDemand: "heavy" });
    expect(scoreJob(profile({ labourCapacity: "half" }), heavy, NOW).parts.capacity).toBeLessThan(
      scoreJob(profile({ labourCapacity: "half" }), job(), NOW).parts.capacity,
    );
    expect(scoreJob(profile({ labourCapacity: "full" }), heavy, NOW).parts.capacity).toBe(
      scoreJob(profile(), job(), NOW).parts.capacity,
    );
  });

  it("no skills or occupations: the skill part is neutral, above an unrelated recorded skill", () => {
    const none = scoreJob(profile(), job({ occupation: "保安员" }), NOW).parts.skill;
    const unrelated = scoreJob(profile({ skills: ["缝纫工"] }), job({ occupation: "保安员" }), NOW)
      .parts.skill;
    expect(none).toBe(NEUTRAL * WEIGHTS.skill);
    expect(unrelated).toBeLessThan(none);
  });
});

describe("reasons", () => {
  it("writes the local example line", () => {
    const p = profile({ certificates: [jiazheng], home: { lat: 24.83, lng: 110.83 } });
    const j = job({
      channel: "odd_job",
      occupation: "家政服务员",
      wageUnit: "day",
      wageMinFen: 16_000,
      wageMaxFen: null,
      location: { lat: 24.83, lng: 110.9488 },
    });
    // The job 12 km from the home point, but the home point is the county's: no figure is claimed.
    expect(scoreJob(p, j, NOW).reason).toBe("持有八桂家政证书 · 同乡镇 · 日薪 160 元");
  });

  it("says 距家约 N 公里 only between counties, in whole kilometres, never 不到 1 公里", () => {
    const p = profile({ home: { lat: 24.83, lng: 110.83 } });
    const other = job({
      regionCodes: ancestry("450381"),
      location: { lat: 25.1, lng: 110.9 },
      placeName: "荔浦市",
    });
    expect(scoreJob(p, other, NOW).reason).toMatch(/^距家约 31 公里 · 月薪/);
    const sameCountyOnePoint = job({ location: { lat: 24.83, lng: 110.83 } });
    const reason = scoreJob(p, sameCountyOnePoint, NOW).reason;
    expect(reason).toContain("同乡镇");
    expect(reason).not.toMatch(/公里/);
    const village = job({ regionCodes: ancestry(p.homeRegionCodes.at(-1)!), location: null });
    expect(scoreJob(p, village, NOW).reason).toMatch(/^同村 · /);
  });

  it("writes the Guangdong example line", () => {
    const p = profile({ workIntention: "out_province" });
    const j = job({
      channel: "gd_gx",
      regionCodes: ancestry("440306"),
      destinationCityCode: "4403",
      wageMinFen: 500_000,
      wageMaxFen: 650_000,
      boardAndLodging: "both",
    });
    expect(scoreJob(p, j, NOW).reason).toBe("月薪 5,000–6,500 元 · 深圳 · 包食宿");
  });

  it("names the shared region when a distance cannot be measured", () => {
    const j = job({ location: null, regionCodes: ancestry("450332100") });
    expect(scoreJob(profile({ occupations: ["普工"] }), j, NOW).reason).toBe(
      "对口普工 · 同乡镇 · 月薪 3,000–4,000 元 · 帮扶车间",
    );
  });

  it("formats piece rates", () => {
    expect(formatWage(50, 80, "piece")).toBe("计件 0.5–0.8 元/件");
  });
});
