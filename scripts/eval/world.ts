/**
 * A synthetic Guangxi for the offline evaluation: three prefecture cities with counties,
 * townships and villages (GB/T 2260-shaped codes), four Guangdong destination cities, postings
 * in the four channels, and labourers with what the registry records (MatchProfile) plus hidden
 * traits only the preference model sees (family ties, travel tolerance, pickiness).
 * Deterministic for a seed.
 */
import type { LatLng } from "../../src/lib/geo";
import { mulberry32, type Rng } from "../../src/lib/prng";
import type {
  CandidateJob,
  HeldCertificate,
  JobChannel,
  LabourCapacity,
  MatchProfile,
  WageUnit,
  WorkIntention,
} from "../../src/modules/matching/types";

export type { Rng };
export { mulberry32 };
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const between = (r: Rng, a: number, b: number) => a + r() * (b - a);
const jitter = (r: Rng, p: LatLng, deg: number): LatLng => ({
  lat: p.lat + between(r, -deg, deg),
  lng: p.lng + between(r, -deg, deg),
});
export const DAY_MS = 86_400_000;

export interface Place {
  code: string;
  at: LatLng;
}
export interface Geography {
  villages: Place[];
  townships: Place[];
  gdCities: Place[];
}

const GX_CITIES: Place[] = [
  { code: "4501", at: { lat: 22.82, lng: 108.37 } }, // 南宁
  { code: "4503", at: { lat: 25.27, lng: 110.29 } }, // 桂林
  { code: "4510", at: { lat: 23.9, lng: 106.62 } }, // 百色
];
const GD_CITIES: Place[] = [
  { code: "4403", at: { lat: 22.54, lng: 114.06 } }, // 深圳
  { code: "4419", at: { lat: 23.02, lng: 113.75 } }, // 东莞
  { code: "4401", at: { lat: 23.13, lng: 113.26 } }, // 广州
  { code: "4406", at: { lat: 23.02, lng: 113.12 } }, // 佛山
];

export function buildGeography(r: Rng): Geography {
  const villages: Place[] = [];
  const townships: Place[] = [];
  for (const city of GX_CITIES) {
    for (let c = 0; c < 3; c++) {
      const county = { code: `${city.code}${21 + c}`, at: jitter(r, city.at, 0.45) };
      for (let t = 0; t < 4; t++) {
        const town = { code: `${county.code}${100 + t}`, at: jitter(r, county.at, 0.12) };
        townships.push(town);
        for (let v = 0; v < 3; v++)
          villages.push({ code: `${town.code}${201 + v}`, at: jitter(r, town.at, 0.04) });
      }
    }
  }
  return { villages, townships, gdCities: GD_CITIES };
}

export function ancestryOf(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** Occupation catalogue: sector (for the preference model) and a Guangxi median pay. */
export const OCCUPATIONS: Record<
  string,
  { sector: string; unit: WageUnit; medianFen: number; unskilled: boolean }
> = {
  普工: { sector: "factory", unit: "month", medianFen: 320_000, unskilled: true },
  包装工: { sector: "factory", unit: "month", medianFen: 300_000, unskilled: true },
  装配工: { sector: "factory", unit: "month", medianFen: 330_000, unskilled: true },
  缝纫工: { sector: "garment", unit: "month", medianFen: 340_000, unskilled: false },
  竹编工: { sector: "craft", unit: "piece", medianFen: 120, unskilled: false },
  采摘工: { sector: "farm", unit: "day", medianFen: 12_000, unskilled: true },
  茶叶采摘工: { sector: "farm", unit: "day", medianFen: 13_000, unskilled: true },
  搬运工: { sector: "logistics", unit: "day", medianFen: 16_000, unskilled: true },
  建筑杂工: { sector: "construction", unit: "day", medianFen: 18_000, unskilled: true },
  建筑工: { sector: "construction", unit: "day", medianFen: 24_000, unskilled: false },
  保洁员: { sector: "service", unit: "month", medianFen: 220_000, unskilled: true },
  绿化工: { sector: "service", unit: "month", medianFen: 200_000, unskilled: true },
  保安员: { sector: "service", unit: "month", medianFen: 280_000, unskilled: true },
  家政服务员: { sector: "care", unit: "month", medianFen: 380_000, unskilled: false },
  育婴员: { sector: "care", unit: "month", medianFen: 420_000, unskilled: false },
  米粉师傅: { sector: "kitchen", unit: "month", medianFen: 420_000, unskilled: false },
  中式烹调师: { sector: "kitchen", unit: "month", medianFen: 400_000, unskilled: false },
  粤菜厨师: { sector: "kitchen", unit: "month", medianFen: 450_000, unskilled: false },
};

export const BRANDS: HeldCertificate[] = [
  { brandCode: "bagui_jiazheng", brandName: "八桂家政", occupations: ["家政服务员", "育婴员"] },
  { brandCode: "bagui_mifen", brandName: "八桂米粉师傅", occupations: ["米粉师傅", "中式烹调师"] },
  { brandCode: "bagui_jiangong", brandName: "八桂建工", occupations: ["建筑工"] },
  { brandCode: "nanyue_jiazheng", brandName: "南粤家政", occupations: ["家政服务员", "育婴员"] },
  { brandCode: "yuecai_shifu", brandName: "粤菜师傅", occupations: ["粤菜厨师", "中式烹调师"] },
];

const BY_CHANNEL: Record<JobChannel, string[]> = {
  odd_job: ["采摘工", "茶叶采摘工", "搬运工", "建筑杂工", "建筑工", "保洁员"],
  workshop: ["普工", "包装工", "装配工", "缝纫工", "竹编工"],
  gd_gx: [
    "普工",
    "装配工",
    "包装工",
    "家政服务员",
    "育婴员",
    "粤菜厨师",
    "中式烹调师",
    "保安员",
    "建筑工",
  ],
  public_welfare: ["保洁员", "绿化工"],
  enterprise: ["普工", "装配工", "质检员", "叉车司机"],
};
/** Guangdong pays more; public-welfare posts are small stipends. */
const CHANNEL_PAY: Record<JobChannel, number> = {
  odd_job: 1,
  workshop: 0.95,
  gd_gx: 1.6,
  public_welfare: 0.5,
  enterprise: 1.2,
};

export function buildJobs(r: Rng, geo: Geography, n: number, now: Date): CandidateJob[] {
  const jobs: CandidateJob[] = [];
  for (let i = 0; i < n; i++) {
    const channel = pick<JobChannel>(r, [
      "odd_job",
      "odd_job",
      "odd_job",
      "workshop",
      "workshop",
      "workshop",
      "gd_gx",
      "gd_gx",
      "gd_gx",
      "public_welfare",
    ]);
    const occupation = pick(r, BY_CHANNEL[channel]);
    const occ = OCCUPATIONS[occupation]!;
    const unit: WageUnit =
      channel === "public_welfare"
        ? "month"
        : channel === "gd_gx" && occ.unit === "day"
          ? "month"
          : occ.unit;
    const median = unit === occ.unit ? occ.medianFen : occ.medianFen * 26;
    const min =
      Math.round((median * CHANNEL_PAY[channel] * between(r, 0.75, 1.15)) / 100) * 100 || 1;
    const gd = channel === "gd_gx" ? pick(r, geo.gdCities) : null;
    const place = gd
      ? { code: `${gd.code}06`, at: jitter(r, gd.at, 0.15) }
      : channel === "public_welfare"
        ? pick(r, geo.villages)
        : pick(r, r() < 0.5 ? geo.townships : geo.villages);
    const brand = BRANDS.find(
      (b) =>
        b.occupations.includes(occupation) && (b.brandCode.startsWith("bagui") ? !gd : Boolean(gd)),
    );
    jobs.push({
      id: `job-${String(i).padStart(5, "0")}`,
      employerId: `emp-${Math.floor(r() * n * 0.3)}`,
      channel,
      occupation,
      title: `${occupation}${channel === "workshop" ? "（帮扶车间）" : ""}`,
      requiredBrandCodes: brand && r() < 0.5 ? [brand.brandCode] : [],
      skills: [],
      headcount: 1 + Math.floor(r() * (channel === "gd_gx" ? 30 : 6)),
      wageMinFen: min,
      wageMaxFen: r() < 0.5 ? min : Math.round(min * 1.25),
      wageUnit: unit,
      regionCodes: ancestryOf(place.code),
      location: jitter(r, place.at, 0.02),
      destinationCityCode: gd?.code ?? null,
      boardAndLodging: gd && r() < 0.6 ? "both" : null,
      ageMin: 16,
      ageMax: r() < 0.3 ? 45 : 60,
      postedAt: new Date(now.getTime() - Math.floor(r() * 21) * DAY_MS),
      pushedThisRound: 0,
    });
  }
  return jobs;
}

/** What the registry does not know: the preference model's private inputs. */
export interface Hidden {
  /** 0..1: young children, elderly parents, a farm to tend. */
  familyTie: number;
  /** The trade the person really wants to work in (may be unrecorded). */
  trade: string;
  /** Applies only above this utility. */
  reservation: number;
}

export interface Person {
  profile: MatchProfile;
  hidden: Hidden;
}

export function buildPeople(r: Rng, geo: Geography, n: number): Person[] {
  const names = Object.keys(OCCUPATIONS);
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const village = pick(r, geo.villages);
    const age = 18 + Math.floor(r() * 42);
    const capacity = pick<LabourCapacity>(r, [
      "full",
      "full",
      "full",
      "full",
      "half",
      "half",
      "weak",
    ]);
    const intention = pick<WorkIntention>(r, [
      "local",
      "local",
      "in_province",
      "out_province",
      "out_province",
    ]);
    const trade = pick(r, names);
    const cert = BRANDS.filter((b) => b.occupations.includes(trade));
    const certificates = cert.length && r() < 0.5 ? [pick(r, cert)] : [];
    const recorded = r() < 0.6 ? [trade] : r() < 0.5 ? [pick(r, names)] : [];
    const occ = OCCUPATIONS[trade]!;
    const wish =
      r() < 0.6 ? { fen: Math.round(occ.medianFen * between(r, 0.8, 1.3)), unit: occ.unit } : null;
    const familyTie = Math.min(
      1,
      r() ** 2 + (capacity !== "full" ? 0.3 : 0) + (age > 45 ? 0.2 : 0),
    );
    people.push({
      profile: {
        id: `person-${i}`,
        age,
        homeRegionCodes: ancestryOf(village.code),
        home: village.at,
        labourCapacity: capacity,
        workIntention: intention,
        preferredGdCityCodes:
          intention === "out_province" && r() < 0.5 ? [pick(r, geo.gdCities).code] : [],
        skills: r() < 0.3 ? [trade] : [],
        occupations: recorded,
        certificates,
        expectedWage: wish,
        keyAssistance: r() < 0.25,
        zeroEmploymentHousehold: r() < 0.08,
        declined: [],
        appliedJobIds: [],
        hiredJobIds: [],
      },
      hidden: { familyTie, trade, reservation: between(r, 0.2, 1.2) },
    });
  }
  return people;
}
