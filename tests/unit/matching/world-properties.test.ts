/**
 * Issue 18's rules as properties over generated county worlds (fast-check: a failure shrinks to
 * a small world and prints its seed and path to replay).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTRY_LEVEL_OCCUPATIONS } from "../../../src/modules/matching/entry-level";
import { intentionTier, TIER_SAFETY_NET } from "../../../src/modules/matching/intention";
import { jobFitsStep, type LadderStep, ladderFor } from "../../../src/modules/matching/ladder";
import { planRecommendations } from "../../../src/modules/matching/plan";
import { rankCandidates } from "../../../src/modules/matching/rank";
import type {
  CandidateJob,
  HeldCertificate,
  MatchProfile,
} from "../../../src/modules/matching/types";
import { ancestry, BRANDS, job, NOW, profile, VILLAGES } from "./gen";

const RUNS = 150;
const DAY = 86_400_000;
const OCCUPATIONS = [
  ...ENTRY_LEVEL_OCCUPATIONS.slice(0, 8),
  "竹编工",
  "采摘工",
  "家政服务员",
  "育婴员",
  "米粉师傅",
  "建筑工",
  "钢筋工",
  "保安员",
  "质检员",
  "电工",
];
const GD = ["4403", "4419", "4401", "4406"];

const certificate: fc.Arbitrary<HeldCertificate> = fc.constantFrom(...BRANDS);

const person: fc.Arbitrary<MatchProfile> = fc
  .record({
    age: fc.option(fc.integer({ min: 18, max: 62 }), { nil: null }),
    village: fc.constantFrom(...VILLAGES),
    labourCapacity: fc.constantFrom("full" as const, "half" as const, "weak" as const),
    workIntention: fc.constantFrom(
      "local" as const,
      "in_province" as const,
      "out_province" as const,
    ),
    preferredGdCityCodes: fc.subarray(GD, { maxLength: 2 }),
    occupations: fc.subarray(OCCUPATIONS, { maxLength: 2 }),
    certificates: fc.subarray(BRANDS, { maxLength: 1 }),
    expectedWage: fc.option(
      fc.oneof(
        fc.record({
          fen: fc.integer({ min: 100, max: 220 }).map((y) => y * 100),
          unit: fc.constant("day" as const),
        }),
        fc.record({
          fen: fc.integer({ min: 20, max: 70 }).map((y) => y * 10_000),
          unit: fc.constant("month" as const),
        }),
      ),
      { nil: null },
    ),
    keyAssistance: fc.boolean(),
    zeroEmploymentHousehold: fc.boolean(),
    family: fc.boolean(),
  })
  .map(({ village, family, ...p }) =>
    profile({
      ...p,
      homeRegionCodes: ancestry(village),
      home: null,
      declined: family ? [{ jobId: "elsewhere", reason: "family" }] : [],
    }),
  );

const posting = (i: number): fc.Arbitrary<CandidateJob> =>
  fc
    .record({
      channel: fc.constantFrom(
        "odd_job" as const,
        "workshop" as const,
        "gd_gx" as const,
        "public_welfare" as const,
      ),
      occupation: fc.constantFrom(...OCCUPATIONS),
      place: fc.constantFrom(...VILLAGES),
      depth: fc.constantFrom(6, 9, 12),
      gdCity: fc.constantFrom(...GD),
      employer: fc.integer({ min: 1, max: 8 }),
      wage: fc.integer({ min: 50, max: 800 }),
      physicalDemand: fc.constantFrom("light" as const, "normal" as const, "heavy" as const),
      required: fc.option(fc.constantFrom(...BRANDS.map((b) => b.brandCode)), {
        nil: null,
        freq: 5,
      }),
      ageMax: fc.option(fc.integer({ min: 35, max: 60 }), { nil: null }),
      expiresInHours: fc.option(fc.integer({ min: -72, max: 24 * 30 }), { nil: null }),
      postedDaysAgo: fc.integer({ min: 0, max: 30 }),
      pushed: fc.integer({ min: 0, max: 12 }),
    })
    .map((g) => {
      const gd = g.channel === "gd_gx";
      const day = g.channel === "odd_job";
      return job({
        id: `j-${String(i).padStart(3, "0")}`,
        employerId: `e-${g.employer}`,
        channel: g.channel,
        occupation: g.occupation,
        title: g.occupation,
        requiredBrandCodes: g.required ? [g.required] : [],
        headcount: 2,
        wageUnit: day ? "day" : "month",
        wageMinFen: day ? g.wage * 40 : g.wage * 1_000,
        wageMaxFen: null,
        regionCodes: gd ? ancestry(`${g.gdCity}06`) : ancestry(g.place.slice(0, g.depth)),
        location: null,
        destinationCityCode: gd ? g.gdCity : null,
        ageMin: null,
        ageMax: g.ageMax,
        physicalDemand: g.physicalDemand,
        postedAt: new Date(NOW.getTime() - g.postedDaysAgo * DAY),
        pushedThisRound: g.pushed,
        expiresAt:
          g.expiresInHours === null ? null : new Date(NOW.getTime() + g.expiresInHours * 3_600_000),
      });
    });

const world: fc.Arbitrary<CandidateJob[]> = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => posting(i))));

const fetchFrom = (jobs: CandidateJob[]) => async (step: LadderStep) =>
  jobs.filter((j) => jobFitsStep(step, j));
const suitableIds = (p: MatchProfile, jobs: CandidateJob[]) => {
  const steps = ladderFor(p);
  return new Set(jobs.filter((j) => steps.some((s) => jobFitsStep(s, j))).map((j) => j.id));
};

describe("generated county worlds", () => {
  it("a certificate never removes a job the person would otherwise get", async () => {
    await fc.assert(
      fc.asyncProperty(person, certificate, world, async (p, cert, jobs) => {
        const withCert = {
          ...p,
          certificates: [...p.certificates.filter((c) => c.brandCode !== cert.brandCode), cert],
        };
        const before = suitableIds(p, jobs);
        const after = suitableIds(withCert, jobs);
        for (const id of before) expect(after.has(id), id).toBe(true);
        const planBefore = await planRecommendations(p, fetchFrom(jobs), { now: NOW });
        const planAfter = await planRecommendations(withCert, fetchFrom(jobs), { now: NOW });
        expect(planAfter.picks.length).toBeGreaterThanOrEqual(Math.min(3, planBefore.picks.length));
      }),
      { numRuns: RUNS },
    );
  });

  it("no public-welfare post outranks a job that fits a full labourer's intention", async () => {
    const full = person.map((p) => ({ ...p, labourCapacity: "full" as const }));
    await fc.assert(
      fc.asyncProperty(full, world, async (p, jobs) => {
        const plan = await planRecommendations(p, fetchFrom(jobs), { now: NOW });
        const order = plan.picks.map((pk) => pk.job.channel);
        const firstWelfare = order.indexOf("public_welfare");
        if (firstWelfare >= 0)
          expect(
            order.slice(firstWelfare).every((c) => c === "public_welfare"),
            order.join(),
          ).toBe(true);
        // Over the widest rung's pool: a welfare post is chosen only when every other suitable job is.
        const steps = ladderFor(p);
        const last = steps[steps.length - 1];
        if (!last) return;
        const { picks, ranked } = rankCandidates(
          p,
          jobs.filter((j) => jobFitsStep(last, j)),
          { now: NOW },
        );
        if (picks.some((s) => s.job.channel === "public_welfare")) {
          const others = ranked.filter((s) => s.job.channel !== "public_welfare");
          expect(others.every((s) => picks.includes(s))).toBe(true);
        }
        for (const s of ranked)
          if (s.job.channel === "public_welfare")
            expect(intentionTier(p, s.job)).toBe(TIER_SAFETY_NET);
      }),
      { numRuns: RUNS },
    );
  });

  it("weak labour never gets heavy work", async () => {
    const weak = person.map((p) => ({ ...p, labourCapacity: "weak" as const }));
    await fc.assert(
      fc.asyncProperty(weak, world, async (p, jobs) => {
        const plan = await planRecommendations(p, async () => jobs, { now: NOW });
        for (const pk of plan.picks) expect(pk.job.physicalDemand).not.toBe("heavy");
      }),
      { numRuns: RUNS },
    );
  });

  it("nothing past its deadline is chosen, whatever the fetcher returns", async () => {
    await fc.assert(
      fc.asyncProperty(person, world, async (p, jobs) => {
        const plan = await planRecommendations(p, async () => jobs, { now: NOW });
        for (const pk of plan.picks) {
          if (pk.job.expiresAt) expect(pk.job.expiresAt.getTime()).toBeGreaterThan(NOW.getTime());
        }
      }),
      { numRuns: RUNS },
    );
  });
});
