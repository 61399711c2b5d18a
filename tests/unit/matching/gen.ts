/**
 * Seeded generators for matching tests: the same seed always gives the same people and postings,
 * so a failing generated case can be replayed from the seed in its test name.
 */
import { mulberry32, type Rng } from "../../../src/lib/prng";
import type {
  CandidateJob,
  JobChannel,
  LabourCapacity,
  MatchProfile,
  WorkIntention,
} from "../../../src/modules/matching/types";

export type { Rng };

/** The project's one seeded source (src/lib/prng.ts). */
export const rng = (seed: number): Rng => mulberry32(seed);

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

export const NOW = new Date("2026-03-02T02:00:00Z");

/** 桂林 4503 → 恭城 450332 / 阳朔 450321 → two townships each → two villages each. */
export const VILLAGES = [
  "450332100201",
  "450332100202",
  "450332101201",
  "450321100201",
  "450321102203",
];
export const OCCUPATIONS = [
  "普工",
  "包装工",
  "家政服务员",
  "育婴员",
  "米粉师傅",
  "建筑工",
  "采摘工",
  "保安员",
  "缝纫工",
];
export const BRANDS = [
  {
    brandCode: "bagui_jiazheng",
    brandName: "八桂家政",
    occupations: ["家政服务员", "育婴员", "养老护理员"],
  },
  { brandCode: "bagui_mifen", brandName: "八桂米粉师傅", occupations: ["米粉师傅"] },
  { brandCode: "bagui_jiangong", brandName: "八桂建工", occupations: ["建筑工", "钢筋工"] },
];
const GD_CITIES = ["4403", "4419", "4401"];

export function ancestry(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

export function profile(over: Partial<MatchProfile> = {}): MatchProfile {
  return {
    id: "p-1",
    age: 40,
    homeRegionCodes: ancestry(VILLAGES[0]!),
    home: { lat: 24.83, lng: 110.83 },
    labourCapacity: "full",
    workIntention: "in_province",
    preferredGdCityCodes: [],
    skills: [],
    occupations: [],
    certificates: [],
    expectedWage: null,
    keyAssistance: false,
    zeroEmploymentHousehold: false,
    declined: [],
    appliedJobIds: [],
    hiredJobIds: [],
    ...over,
  };
}

export function job(over: Partial<CandidateJob> = {}): CandidateJob {
  return {
    id: "j-1",
    employerId: "e-1",
    channel: "workshop",
    title: "电子厂普工",
    occupation: "普工",
    requiredBrandCodes: [],
    skills: [],
    headcount: 5,
    wageMinFen: 300_000,
    wageMaxFen: 400_000,
    wageUnit: "month",
    regionCodes: ancestry("450332100"),
    location: { lat: 24.85, lng: 110.85 },
    destinationCityCode: null,
    ageMin: null,
    ageMax: null,
    postedAt: new Date(NOW.getTime() - 2 * 86_400_000),
    pushedThisRound: 0,
    ...over,
  };
}

export function randomProfile(r: Rng, i = 0): MatchProfile {
  const village = pick(r, VILLAGES);
  const hasWage = r() < 0.6;
  return profile({
    id: `p-${i}`,
    age: r() < 0.1 ? null : int(r, 18, 62),
    homeRegionCodes: ancestry(village),
    home: r() < 0.1 ? null : { lat: 24.6 + r() * 0.5, lng: 110.4 + r() * 0.6 },
    labourCapacity: pick<LabourCapacity>(r, ["full", "full", "half", "weak"]),
    workIntention: pick<WorkIntention>(r, ["local", "in_province", "out_province"]),
    preferredGdCityCodes: r() < 0.5 ? [pick(r, GD_CITIES)] : [],
    skills: r() < 0.5 ? [pick(r, OCCUPATIONS)] : [],
    occupations: r() < 0.5 ? [pick(r, OCCUPATIONS)] : [],
    certificates: r() < 0.3 ? [pick(r, BRANDS)] : [],
    expectedWage: hasWage
      ? r() < 0.5
        ? { fen: int(r, 100, 200) * 100, unit: "day" }
        : { fen: int(r, 25, 60) * 10_000, unit: "month" }
      : null,
    keyAssistance: r() < 0.3,
    zeroEmploymentHousehold: r() < 0.1,
  });
}

export function randomJob(r: Rng, i = 0): CandidateJob {
  const channel = pick<JobChannel>(r, [
    "odd_job",
    "workshop",
    "workshop",
    "gd_gx",
    "public_welfare",
  ]);
  const gd = channel === "gd_gx";
  const city = pick(r, GD_CITIES);
  const place = gd ? `${city}06` : pick(r, VILLAGES).slice(0, pick(r, [6, 9, 12]));
  const unit = channel === "odd_job" ? "day" : r() < 0.1 ? "piece" : "month";
  const min =
    unit === "day"
      ? int(r, 100, 220) * 100
      : unit === "piece"
        ? int(r, 20, 90)
        : int(r, 20, 70) * 10_000;
  const occupation = pick(r, OCCUPATIONS);
  return job({
    id: `j-${String(i).padStart(4, "0")}`,
    employerId: `e-${int(r, 1, 12)}`,
    channel,
    occupation,
    title: `${occupation}岗位`,
    requiredBrandCodes: r() < 0.15 ? [pick(r, BRANDS).brandCode] : [],
    skills: r() < 0.3 ? [pick(r, OCCUPATIONS)] : [],
    headcount: int(r, 1, 20),
    wageMinFen: min,
    wageMaxFen: r() < 0.5 ? min : Math.round(min * 1.3),
    wageUnit: unit,
    regionCodes: ancestry(place),
    location:
      r() < 0.1
        ? null
        : gd
          ? { lat: 22.5 + r() * 0.6, lng: 113.5 + r() * 0.6 }
          : { lat: 24.6 + r() * 0.5, lng: 110.4 + r() * 0.6 },
    destinationCityCode: gd ? city : null,
    ageMin: r() < 0.3 ? int(r, 16, 25) : null,
    ageMax: r() < 0.3 ? int(r, 45, 60) : null,
    postedAt: new Date(NOW.getTime() - int(r, 0, 30) * 86_400_000),
    pushedThisRound: r() < 0.2 ? int(r, 0, 60) : 0,
  });
}

export function shuffle<T>(r: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
