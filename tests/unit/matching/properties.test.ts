/**
 * Behaviour properties over many generated people and postings (seeded: a failure names its
 * seed and replays exactly).
 */
import { describe, expect, it } from "vitest";
import {
  allowedChannels,
  jobFitsStep,
  type LadderStep,
  ladderFor,
} from "../../../src/modules/matching/ladder";
import { planRecommendations } from "../../../src/modules/matching/plan";
import { rankCandidates } from "../../../src/modules/matching/rank";
import { CAPACITY_FIT, NEUTRAL, scoreJob, WEIGHTS } from "../../../src/modules/matching/scoring";
import type { CandidateJob, MatchProfile } from "../../../src/modules/matching/types";
import { int, NOW, pick, randomJob, randomProfile, rng, shuffle } from "./gen";

const CASES = 400;
const seeds = Array.from({ length: CASES }, (_, i) => 1000 + i);
const pool = (seed: number, n: number) => {
  const r = rng(seed * 7 + 1);
  return Array.from({ length: n }, (_, i) => randomJob(r, i));
};

describe("scoring properties", () => {
  it("adding a matching certificate never lowers a job's score", () => {
    for (const seed of seeds) {
      const r = rng(seed);
      const p = randomProfile(r);
      const j = randomJob(r);
      const before = scoreJob(p, j, NOW).total;
      const byOccupation = {
        brandCode: `b-${seed}`,
        brandName: "测试品牌",
        occupations: [j.occupation],
      };
      // Matching by the posting's requirement only (the brand's occupations say nothing of this job).
      const byRequirement = j.requiredBrandCodes.map((brandCode) => ({
        brandCode,
        brandName: "测试品牌",
        occupations: [],
      }));
      for (const cert of [byOccupation, ...byRequirement]) {
        const withCert = { ...p, certificates: [...p.certificates, cert] };
        expect(scoreJob(withCert, j, NOW).total, `seed ${seed}`).toBeGreaterThanOrEqual(before);
      }
    }
  });

  it("a farther job never outscores an otherwise identical nearer one", () => {
    for (const seed of seeds) {
      const r = rng(seed);
      const p: MatchProfile = { ...randomProfile(r), home: { lat: 24.8, lng: 110.8 } };
      const near = {
        ...randomJob(r),
        location: { lat: 24.8 + (r() - 0.5) * 0.4, lng: 110.8 + (r() - 0.5) * 0.4 },
      };
      const k = 1 + r() * 5;
      const far = {
        ...near,
        location: {
          lat: 24.8 + (near.location.lat - 24.8) * k,
          lng: 110.8 + (near.location.lng - 110.8) * k,
        },
      };
      const a = scoreJob(p, near, NOW);
      const b = scoreJob(p, far, NOW);
      expect(b.distanceKm, `seed ${seed}`).toBeGreaterThanOrEqual(a.distanceKm);
      expect(b.total, `seed ${seed}`).toBeLessThanOrEqual(a.total);
    }
  });

  it("missing skills are neutral: the part is one constant for every posting", () => {
    for (const seed of seeds.slice(0, 100)) {
      const p: MatchProfile = {
        ...randomProfile(rng(seed)),
        expectedWage: null,
        skills: [],
        occupations: [],
        certificates: [],
        declined: [],
      };
      for (const j of pool(seed, 20))
        expect(scoreJob(p, j, NOW).parts.skill).toBe(NEUTRAL * WEIGHTS.skill);
    }
  });

  it("no wage wish: more pay at the same place never scores lower", () => {
    for (const seed of seeds.slice(0, 100)) {
      const p: MatchProfile = { ...randomProfile(rng(seed)), expectedWage: null };
      for (const j of pool(seed, 20)) {
        const richer = {
          ...j,
          wageMinFen: j.wageMinFen * 2,
          wageMaxFen: j.wageMaxFen === null ? null : j.wageMaxFen * 2,
        };
        expect(scoreJob(p, richer, NOW).parts.wage, `seed ${seed} ${j.id}`).toBeGreaterThanOrEqual(
          scoreJob(p, j, NOW).parts.wage,
        );
      }
    }
  });
});

describe("ranking properties", () => {
  it("is deterministic: any input order gives the same picks, scores and reasons", () => {
    for (const seed of seeds.slice(0, 150)) {
      const r = rng(seed);
      const p = randomProfile(r);
      const jobs = pool(seed, 40);
      const once = rankCandidates(p, jobs, { now: NOW });
      const again = rankCandidates(p, shuffle(r, jobs), { now: NOW });
      expect(again.picks, `seed ${seed}`).toEqual(once.picks);
    }
  });

  it("diversity: the employer cap is broken only when nobody else is left; usable channels are represented", () => {
    for (const seed of seeds) {
      const r = rng(seed);
      const p = randomProfile(r);
      const { picks, ranked } = rankCandidates(p, pool(seed, int(r, 5, 60)), { now: NOW });
      const per = new Map<string, number>();
      for (const s of picks) per.set(s.job.employerId, (per.get(s.job.employerId) ?? 0) + 1);
      if ([...per.values()].some((n) => n > 2)) {
        // Safety-net postings (tier 2) only fill places nothing else can: they never stop the cap.
        const leftOut = ranked.filter((s) => !picks.includes(s) && s.score.tier < 2);
        expect(
          leftOut.every((s) => (per.get(s.job.employerId) ?? 0) >= 2),
          `seed ${seed}`,
        ).toBe(true);
      }
      for (const channel of ["odd_job", "workshop", "gd_gx", "public_welfare"] as const) {
        if (!allowedChannels(p).includes(channel) || CAPACITY_FIT[p.labourCapacity][channel] < 0.5)
          continue;
        if (ranked.some((s) => s.job.channel === channel)) {
          expect(
            picks.some((s) => s.job.channel === channel),
            `seed ${seed} ${channel}`,
          ).toBe(true);
        }
      }
    }
  });
});

/** A fetcher that returns everything suitable at the rung, in a scrambled order. */
const fetchFrom = (jobs: CandidateJob[], seed: number) => async (step: LadderStep) =>
  shuffle(
    rng(seed),
    jobs.filter((j) => jobFitsStep(step, j)),
  );

describe("planner properties", () => {
  it("declined, applied and hired jobs never return; picks are suitable; fewer than three means a shortage", async () => {
    for (const seed of seeds.slice(0, 200)) {
      const r = rng(seed);
      const jobs = pool(seed, int(r, 0, 80));
      const p = randomProfile(r);
      const gone = jobs.filter(() => r() < 0.2).map((j) => j.id);
      p.declined = gone.slice(0, 3).map((jobId) => ({
        jobId,
        reason: pick(r, ["too_far", "wage_too_low", "family", "other"] as const),
      }));
      p.appliedJobIds = gone.slice(3, 5);
      p.hiredJobIds = gone.slice(5);
      const plan = await planRecommendations(p, fetchFrom(jobs, seed), { now: NOW });
      const last = ladderFor(p).find((s) => s.key === plan.stepUsed)!;
      for (const pk of plan.picks) {
        expect(gone, `seed ${seed}`).not.toContain(pk.job.id);
        expect(jobFitsStep(last, pk.job), `seed ${seed}`).toBe(true);
      }
      expect(
        plan.picks.length >= 3 || plan.shortage?.missing === 3 - plan.picks.length,
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it("spread: processing a county's people in turn never pushes a posting past 5 × headcount", async () => {
    for (const seed of seeds.slice(0, 20)) {
      const r = rng(seed);
      const jobs = pool(seed, 30).map((j) => ({
        ...j,
        headcount: int(r, 1, 2),
        pushedThisRound: 0,
      }));
      const pushed = new Map<string, number>();
      for (let i = 0; i < 60; i++) {
        const current = jobs.map((j) => ({ ...j, pushedThisRound: pushed.get(j.id) ?? 0 }));
        const plan = await planRecommendations(randomProfile(r, i), fetchFrom(current, seed + i), {
          now: NOW,
        });
        for (const pk of plan.picks) pushed.set(pk.job.id, (pushed.get(pk.job.id) ?? 0) + 1);
      }
      for (const j of jobs)
        expect(pushed.get(j.id) ?? 0, `seed ${seed} ${j.id}`).toBeLessThanOrEqual(5 * j.headcount);
    }
  });
});
