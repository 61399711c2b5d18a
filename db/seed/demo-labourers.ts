import { eq } from "drizzle-orm";
import { type Deps, systemCtx } from "../../src/lib/ctx";
import { idCheckChar } from "../../src/lib/id-number";
import {
  type LedgerLabourerInput,
  upsertLabourerFromLedger,
} from "../../src/modules/households/ledger";
import { users } from "../schema/users";

/**
 * Demo registry for `npm start`: 60 labourers in 20 households across four key counties, all
 * made up (names, ID numbers with valid check characters, phones 1380000xxxx). Generated from a
 * fixed seed and written through the ledger upsert, so every start finds the same people
 * "unchanged". 莫秀英 (恭城) has the fixed phone below for one-time-code sign-in in the H5 demo.
 */
export const DEMO_LABOURER_PHONE = "13800000001";

interface County {
  code: string;
  villages: string[];
  surnames: string[];
  cadre?: string;
  resettlementSite?: string;
}

// Real village codes (reference data); surnames common among the counties' Yao, Miao, Dong and Zhuang families.
const COUNTIES: County[] = [
  {
    code: "450332",
    villages: ["450332102201", "450332102200", "450332100201"],
    surnames: ["莫", "盘", "赵", "黄", "周"],
    cadre: "gongcheng_cadre",
  },
  {
    code: "450225",
    villages: ["450225101201", "450225102201", "450225103201"],
    surnames: ["贾", "梁", "韦", "潘", "杨"],
  },
  {
    code: "450226",
    villages: ["450226100201", "450226101201", "450226103201"],
    surnames: ["吴", "杨", "石", "龙", "欧"],
  },
  {
    code: "451228",
    villages: ["451228101201", "451228102202", "451228103201"],
    surnames: ["蓝", "韦", "蒙", "覃", "潘"],
    resettlementSite: "都安县城北易地扶贫搬迁安置区",
  },
];

const FEMALE = [
  "秀英",
  "桂花",
  "美玲",
  "丽华",
  "春梅",
  "金凤",
  "玉兰",
  "小燕",
  "海燕",
  "红梅",
  "月娥",
  "翠萍",
];
const MALE = [
  "振华",
  "建国",
  "志强",
  "海军",
  "文斌",
  "永明",
  "德福",
  "家乐",
  "俊杰",
  "国庆",
  "光荣",
  "朝阳",
];
const SKILLS = [
  "电焊",
  "缝纫",
  "砌筑",
  "采茶",
  "油茶加工",
  "家政服务",
  "叉车",
  "电子装配",
  "厨师",
  "竹编",
  "种植",
  "普通话",
];
const OCCUPATIONS = ["建筑工人", "制衣工", "普工", "保洁", "家政员", "厨工", "快递分拣"];
const GUANGDONG_CITIES = ["4403", "4419", "4406", "4401", "4413"];
const HOUSEHOLDS_PER_COUNTY = 5;

/** mulberry32: a tiny deterministic PRNG, so the demo is the same on every machine and start. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T>(xs: readonly T[], n: number): T[] =>
    [...xs].sort(() => next() - 0.5).slice(0, n);
  return { next, int, pick, some };
}

type Rng = ReturnType<typeof prng>;

function demoIdNumber(rng: Rng, county: string, year: number, sex: "male" | "female"): string {
  const mmdd = `${String(rng.int(1, 12)).padStart(2, "0")}${String(rng.int(1, 28)).padStart(2, "0")}`;
  const seq = rng.int(0, 499) * 2 + (sex === "male" ? 1 : 0);
  const first17 = `${county}${year}${mmdd}${String(seq).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

interface Member {
  relation: string;
  sex: "male" | "female";
  year: number;
}

const FAMILY: Member[][] = [
  [
    { relation: "户主", sex: "male", year: 1972 },
    { relation: "配偶", sex: "female", year: 1975 },
    { relation: "之子", sex: "male", year: 1998 },
  ],
  [
    { relation: "户主", sex: "female", year: 1968 },
    { relation: "之女", sex: "female", year: 1994 },
    { relation: "之子", sex: "male", year: 2001 },
  ],
  [
    { relation: "户主", sex: "male", year: 1980 },
    { relation: "配偶", sex: "female", year: 1983 },
    { relation: "之女", sex: "female", year: 2005 },
  ],
];

function memberRow(
  rng: Rng,
  c: County,
  village: string,
  surname: string,
  m: Member,
  i: number,
): LedgerLabourerInput {
  const capacity =
    m.year < 1970
      ? rng.pick(["half", "weak"] as const)
      : rng.pick(["full", "full", "full", "half", "weak", "none"] as const);
  const intention =
    capacity === "none"
      ? "none"
      : rng.pick([
          "local",
          "local",
          "in_province",
          "out_province",
          "out_province",
          "none",
        ] as const);
  const employed = intention !== "none" && rng.next() < 0.45;
  const status = !employed
    ? "unemployed"
    : intention === "local"
      ? rng.pick(["local", "flexible", "public_welfare"] as const)
      : intention;
  const wage =
    intention === "out_province"
      ? { amountFen: rng.int(45, 65) * 10_000, unit: "month" as const }
      : intention === "none"
        ? null
        : { amountFen: rng.int(12, 20) * 1_000, unit: "day" as const };
  return {
    name: `${m.relation === "配偶" ? rng.pick(c.surnames) : surname}${rng.pick(m.sex === "male" ? MALE : FEMALE)}`,
    idNumber: demoIdNumber(rng, c.code, m.year + rng.int(0, 2), m.sex),
    phone: m.year < 1970 && rng.next() < 0.5 ? null : `1380000${String(i).padStart(4, "0")}`,
    villageCode: village,
    relationToHead: m.relation,
    personType: rng.next() < 0.2 ? "monitored" : "tuopin",
    labourCapacity: capacity,
    workIntention: intention,
    preferredCityCodes: intention === "out_province" ? rng.some(GUANGDONG_CITIES, 2) : [],
    skills: rng.some(SKILLS, rng.int(0, 3)),
    occupations: rng.some(OCCUPATIONS, rng.int(0, 2)),
    expectedWage: wage,
    employmentStatus: status,
    contactConsent: rng.next() < 0.7,
  };
}

/** The sign-in demo person: fixed phone, consenting, looking for work in Guangdong. */
function withSignInDemo(row: LedgerLabourerInput): LedgerLabourerInput {
  return {
    ...row,
    name: "莫秀英",
    phone: DEMO_LABOURER_PHONE,
    labourCapacity: "full",
    workIntention: "out_province",
    preferredCityCodes: ["4403", "4419"],
    skills: ["缝纫", "普通话"],
    occupations: ["制衣工"],
    expectedWage: { amountFen: 500_000, unit: "month" },
    employmentStatus: "unemployed",
    contactConsent: true,
  };
}

/** Zero-employment household: everyone able to work, nobody working. */
function unemployed(row: LedgerLabourerInput): LedgerLabourerInput {
  return {
    ...row,
    labourCapacity: "full",
    employmentStatus: "unemployed",
    workIntention: row.workIntention === "none" ? "local" : row.workIntention,
  };
}

export function demoLedgerRows(): { county: County; rows: LedgerLabourerInput[] }[] {
  const rng = prng(20_260_301);
  let phoneIndex = 2; // 13800000001 is kept for the sign-in demo person
  return COUNTIES.map((c, ci) => {
    const rows: LedgerLabourerInput[] = [];
    for (let hi = 0; hi < HOUSEHOLDS_PER_COUNTY; hi++) {
      const village = c.villages[hi % c.villages.length]!;
      const surname = c.surnames[hi]!;
      const income = rng.int(55, 140) * 10_000;
      const resettled =
        c.resettlementSite && hi < 2
          ? { resettlementSiteName: c.resettlementSite, resettlementSiteCode: `${c.code}-AZ-01` }
          : {};
      const household = {
        householdNo: `${village}${String(hi + 1).padStart(4, "0")}`,
        incomePerCapitaFen: income,
        ...resettled,
      };
      for (const m of FAMILY[(ci + hi) % FAMILY.length]!) {
        let row: LedgerLabourerInput = {
          ...memberRow(rng, c, village, surname, m, phoneIndex++),
          household,
        };
        if (ci === 0 && hi === 0 && m.relation === "配偶") row = withSignInDemo(row);
        if (ci === 3 && hi === 0) row = unemployed(row);
        rows.push(row);
      }
    }
    return { county: c, rows };
  });
}

export interface DemoLabourersResult {
  created: number;
  rejected: number;
}

/** Idempotent: people are keyed by ID number and households by 户编号, both fixed by the seed. */
export async function seedDemoLabourers(deps: Deps): Promise<DemoLabourersResult> {
  const ctx = systemCtx(deps, "demo-seed");
  let created = 0;
  let rejected = 0;
  for (const { county, rows } of demoLedgerRows()) {
    const [cadre] = county.cadre
      ? await deps.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.username, county.cadre))
          .limit(1)
      : [];
    for (const row of rows) {
      const r = await deps.db.transaction((tx) =>
        upsertLabourerFromLedger(ctx, tx, {
          ...row,
          ...(cadre ? { assignedCadreUserId: cadre.id } : {}),
        }),
      );
      if (r.outcome === "created") created++;
      if (r.outcome === "rejected") {
        rejected++;
        deps.log.warn({ reason: r.reason, field: r.field }, "demo labourer rejected");
      }
    }
  }
  return { created, rejected };
}
