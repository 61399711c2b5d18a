/**
 * Synthetic postings for the search benchmark (scripts/bench/search.ts): deterministic (seeded),
 * realistic enough to give real selectivities (channels, Guangxi counties and Guangdong districts
 * from the regions table, occupations per channel, Chinese titles and descriptions), written
 * straight into Postgres in multi-row inserts and into Meilisearch in 10k-document batches.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { employers } from "../../db/schema/employers";
import { jobs, type NewJob } from "../../db/schema/jobs";
import { maskPhone } from "../../src/lib/crypto";
import type { Deps } from "../../src/lib/ctx";
import { mulberry32 } from "../../src/lib/prng";
import { searchColumns } from "../../src/modules/jobs/posting";
import { type IndexRow, toJobDocument } from "../../src/search/jobs-documents";
import { applyJobsIndexSettings, jobsIndex, jobsIndexUid } from "../../src/search/jobs-index";

type Channel = "odd_job" | "workshop" | "gd_gx" | "public_welfare";
interface Place {
  code: string;
  short: string;
  full: string;
  lat: number;
  lng: number;
}
interface Emp {
  id: string;
  name: string;
  place: Place;
  type: string;
  verified: boolean;
}

function prng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const OCCUPATIONS: Record<Channel, string[]> = {
  gd_gx: [
    "普工",
    "装配工",
    "质检员",
    "SMT操作员",
    "保安员",
    "保洁员",
    "家政服务员",
    "养老护理员",
    "厨工",
    "餐厅服务员",
    "快递分拣员",
    "仓库理货员",
    "钢筋工",
    "建筑普工",
    "缝纫工",
    "叉车司机",
    "母婴护理员",
    "米粉师傅",
  ],
  odd_job: [
    "采茶工",
    "采摘工",
    "建筑小工",
    "装卸工",
    "搬运工",
    "甘蔗砍收工",
    "果园工",
    "林业工",
    "插秧工",
    "除草工",
    "杂工",
  ],
  workshop: [
    "竹编工",
    "插件工",
    "缝纫工",
    "包装工",
    "假发加工工",
    "刺绣工",
    "制茶工",
    "藤编工",
    "电子装配工",
  ],
  public_welfare: ["保洁员", "护林员", "护路员", "水管员", "治安巡逻员", "养老服务员"],
};
const INDUSTRIES = [
  "电子厂",
  "物流园",
  "制衣厂",
  "电器厂",
  "物业公司",
  "餐饮公司",
  "家政公司",
  "养老院",
  "建筑工地",
  "五金厂",
  "玩具厂",
  "食品厂",
];
const CROPS = [
  "春茶",
  "月柿",
  "沙田柚",
  "砂糖橘",
  "甘蔗",
  "杉木",
  "水稻",
  "百香果",
  "罗汉果",
  "八角",
];
const PRODUCTS = ["竹编", "电子元件", "服装", "油茶", "假发", "苗绣", "侗茶", "藤编", "五金"];
const PHRASES = [
  "男女不限，能吃苦耐劳",
  "包吃包住",
  "按月发放工资，不拖欠",
  "有师傅带，零基础可学",
  "两班倒，有夜班补贴",
  "长白班，周末双休",
  "购买五险一金",
  "当天现金结算",
  "优先录用脱贫劳动力",
  "工作环境干净，有空调",
  "提供免费技能培训",
  "统一乘车，点对点接送",
  "计件工资，多劳多得",
  "离家近，方便照顾家里",
  "年龄 18 至 55 岁，身体健康",
  "试用期一个月，转正有全勤奖",
];
const BENEFITS = [
  "包吃",
  "包住",
  "五险一金",
  "全勤奖",
  "日结",
  "免费培训",
  "点对点接送",
  "餐补",
  "带薪假",
];
const CERTS: Partial<Record<string, string>> = {
  家政服务员: "bagui-jiazheng",
  养老护理员: "bagui-jiazheng",
  母婴护理员: "bagui-jiazheng",
  钢筋工: "bagui-jiangong",
  建筑普工: "bagui-jiangong",
  米粉师傅: "bagui-mifen",
};
const WEIGHTED_GD = [
  "4403",
  "4403",
  "4403",
  "4403",
  "4419",
  "4419",
  "4401",
  "4401",
  "4406",
  "4406",
  "4413",
  "4420",
];

async function loadPlaces(deps: Deps) {
  const rows = await deps.db.execute<{
    code: string;
    short_name: string;
    full_name: string;
    lat: number;
    lng: number;
  }>(sql`
    select code, short_name, full_name, lat, lng from regions
    where lat is not null and ((code like '45%' and length(code) in (6, 9)) or (code like '44%' and length(code) in (6, 9)))`);
  const toPlace = (r: (typeof rows)[number]): Place => ({
    code: r.code,
    short: r.short_name,
    full: r.full_name,
    lat: r.lat,
    lng: r.lng,
  });
  const gx = [...rows].filter((r) => r.code.startsWith("45")).map(toPlace);
  const gdByCity = new Map<string, Place[]>();
  for (const r of rows)
    if (r.code.startsWith("44"))
      gdByCity.set(r.code.slice(0, 4), [...(gdByCity.get(r.code.slice(0, 4)) ?? []), toPlace(r)]);
  return { gx, gdByCity };
}

async function makeEmployers(
  deps: Deps,
  r: ReturnType<typeof prng>,
  places: Awaited<ReturnType<typeof loadPlaces>>,
) {
  const byKind: Record<"gd" | "workshop" | "odd" | "village", Emp[]> = {
    gd: [],
    workshop: [],
    odd: [],
    village: [],
  };
  const values: (typeof employers.$inferInsert)[] = [];
  for (let i = 0; i < 2000; i++) {
    const kind = i < 800 ? "gd" : i < 1200 ? "workshop" : i < 1700 ? "odd" : "village";
    const place =
      kind === "gd"
        ? r.pick(places.gdByCity.get(r.pick(WEIGHTED_GD)) ?? places.gx)
        : r.pick(places.gx);
    const type =
      kind === "gd"
        ? "enterprise"
        : kind === "workshop"
          ? "workshop"
          : kind === "odd"
            ? r.pick(["individual", "cooperative"])
            : "public_welfare";
    const name =
      kind === "gd"
        ? `${place.short}${r.pick(INDUSTRIES).replace(/厂|园|公司|院|工地/, "")}有限公司${i}`
        : kind === "workshop"
          ? `${place.short}${r.pick(PRODUCTS)}就业帮扶车间${i}`
          : kind === "odd"
            ? `${place.short}${r.pick(CROPS)}种植户${i}`
            : `${place.short}村民委员会${i}`;
    const emp: Emp = { id: randomUUID(), name, place, type, verified: r.next() > 0.03 };
    byKind[kind].push(emp);
    values.push({
      id: emp.id,
      name,
      type: type as never,
      regionCode: place.code,
      contactName: "联系人",
      verificationStatus: emp.verified ? "verified" : "suspended",
      ...(type === "workshop"
        ? { workshopCertificateNo: `BENCH-${i}`, workshopCertifiedBy: place.code.slice(0, 6) }
        : {}),
    });
  }
  for (let i = 0; i < values.length; i += 500)
    await deps.db.insert(employers).values(values.slice(i, i + 500));
  return byKind;
}

function makeJob(
  r: ReturnType<typeof prng>,
  emps: Awaited<ReturnType<typeof makeEmployers>>,
  now: number,
  phone: { enc: string; masked: string },
): { row: NewJob; emp: Emp } {
  const roll = r.next();
  const channel: Channel =
    roll < 0.35 ? "gd_gx" : roll < 0.7 ? "odd_job" : roll < 0.9 ? "workshop" : "public_welfare";
  const emp = r.pick(
    channel === "gd_gx"
      ? emps.gd
      : channel === "workshop"
        ? emps.workshop
        : channel === "odd_job"
          ? emps.odd
          : emps.village,
  );
  const occupation = r.pick(OCCUPATIONS[channel]);
  const p = emp.place;
  const title =
    channel === "gd_gx"
      ? `${p.short}${r.pick(INDUSTRIES)}${occupation}${r.pick(["", "（包吃住）", "（点对点接送）"])}`
      : channel === "odd_job"
        ? `${p.short}${r.pick(CROPS)}${occupation}（日结）`
        : channel === "workshop"
          ? `${p.short}${r.pick(PRODUCTS)}车间${occupation}`
          : `${p.short}${occupation}`;
  const description = Array.from({ length: r.int(3, 5) }, () => r.pick(PHRASES)).join("。");
  const [unit, lo, hi] =
    channel === "gd_gx"
      ? ["month", 3800, 9000]
      : channel === "odd_job"
        ? ["day", 100, 250]
        : channel === "workshop"
          ? ["month", 2000, 3800]
          : ["month", 600, 1500];
  const min = r.int(lo as number, hi as number);
  const status = r.next() < 0.85 ? "open" : r.pick(["closed", "filled", "expired"] as const);
  const postedAt = new Date(now - r.int(0, 60 * 24) * 60_000 * 60);
  const expiresAt = new Date(
    status === "open" ? now + r.int(1, 150) * 86_400_000 : now - r.int(1, 30) * 86_400_000,
  );
  const cert = CERTS[occupation] && r.next() < 0.5 ? [CERTS[occupation]!] : [];
  const fields = {
    channel,
    title,
    description,
    occupation,
    skills: [] as string[],
    certificates: cert,
    placeName: p.full,
    regionCode: p.code,
  };
  const row: NewJob = {
    id: randomUUID(),
    employerId: emp.id,
    status,
    headcount: r.int(1, 80),
    wageMinFen: min * 100,
    wageMaxFen: r.int(min, Math.round(min * 1.5)) * 100,
    wageUnit: unit as "day" | "month",
    employerRegionCode: emp.place.code,
    lat: p.lat + (r.next() - 0.5) * 0.08,
    lng: p.lng + (r.next() - 0.5) * 0.08,
    ageMin: 16,
    ageMax: 60,
    benefits: [r.pick(BENEFITS), r.pick(BENEFITS)],
    contactName: "联系人",
    contactPhoneEnc: phone.enc,
    contactPhoneMasked: phone.masked,
    pointToPoint: channel === "gd_gx",
    boardAndLodging: channel === "gd_gx",
    transportSubsidyEligible: channel === "gd_gx",
    postedAt,
    expiresAt,
    version: 1,
    indexedVersion: 1,
    ...fields,
    ...searchColumns(fields, emp.name),
  };
  return { row, emp };
}

export async function countSeeded(deps: Deps): Promise<number> {
  // The commit → first-hit postings (search.ts) are not part of the seed.
  const [row] = await deps.db.execute<{ n: number }>(
    sql`select count(*)::int as n from jobs where title not like '提交延迟测试%'`,
  );
  return row!.n;
}

/** Replaces whatever the bench database holds with `rows` postings; returns seconds taken. */
export async function seedSearchBench(
  deps: Deps,
  rows: number,
  log: (m: string) => void,
): Promise<{ indexed: number; pgSeconds: number; meiliSeconds: number }> {
  const started = performance.now();
  const r = prng(20260315);
  await deps.db.execute(sql`truncate jobs, employers cascade`);
  await deps.search.client
    .deleteIndex(jobsIndexUid(deps.search))
    .waitTask({ timeout: 600_000 })
    .catch(() => {});
  await applyJobsIndexSettings(deps.search);
  const places = await loadPlaces(deps);
  const emps = await makeEmployers(deps, r, places);
  // The GIN index is built once at the end: much faster than maintaining it row by row.
  await deps.db.execute(sql`drop index if exists jobs_open_tokens_idx`);
  const phone = { enc: deps.pii.encrypt("13800138000"), masked: maskPhone("13800138000") };
  const now = deps.now().getTime();
  const index = jobsIndex(deps.search);
  const tasks: number[] = [];
  let indexed = 0;
  for (let done = 0; done < rows; done += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, rows - done) }, () =>
      makeJob(r, emps, now, phone),
    );
    for (let i = 0; i < batch.length; i += 1000)
      await deps.db.insert(jobs).values(batch.slice(i, i + 1000).map((b) => b.row));
    const docs = batch
      .filter((b) => b.row.status === "open" && b.emp.verified)
      .map((b) =>
        toJobDocument({
          ...(b.row as unknown as IndexRow),
          employerName: b.emp.name,
          employerStatus: "verified",
          workStartOn: null,
          workEndOn: null,
          address: null,
          meetingPoint: null,
        }),
      );
    tasks.push((await index.addDocuments(docs, { primaryKey: "id" })).taskUid);
    indexed += docs.length;
    log(`postgres ${done + batch.length}/${rows}, sent ${indexed} documents to meilisearch`);
  }
  await deps.db.execute(
    sql`create index jobs_open_tokens_idx on jobs using gin (search_tokens) where status = 'open'`,
  );
  await deps.db.execute(sql`analyze jobs`);
  await deps.db.execute(sql`analyze employers`);
  const pgSeconds = (performance.now() - started) / 1000;
  log(`postgres done in ${pgSeconds.toFixed(0)} s; waiting for meilisearch to index`);
  for (const uid of tasks) {
    const t = await deps.search.client.tasks.waitForTask(uid, {
      timeout: 3_600_000,
      interval: 1000,
    });
    if (t.status !== "succeeded")
      throw new Error(`meilisearch task ${uid}: ${JSON.stringify(t.error)}`);
  }
  return { indexed, pgSeconds, meiliSeconds: (performance.now() - started) / 1000 - pgSeconds };
}
