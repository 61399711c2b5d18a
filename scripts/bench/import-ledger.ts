/**
 * `npx tsx scripts/bench/import-ledger.ts [--rows 100000] [--county 450332] [--rounds 3] [--keep] [--reuse]`
 *
 * The ledger import end to end, through the CLI (`scripts/import.ts`) as a county would run it:
 * 1. boots a throw-away database `gangtong_bench_import` (migrated, regions loaded);
 * 2. writes an XLSX ledger with a title row, household blocks with merged 户编号/乡镇/所在村
 *    cells, valid checksummed ID numbers issued in real Guangxi counties, and villages of
 *    `--county` (exceljs streaming writer);
 * 3. per round (on an emptied registry): two anchors, a plain exceljs read of the file and one
 *    INSERT … SELECT of as many labourer rows (rolled back), then
 *    `node --import tsx scripts/import.ts FILE --county … --out result.csv` under /usr/bin/time
 *    twice: first import (all created), then the same file again (all unchanged).
 * Reports medians: whole-command wall time and rows/s, the import alone (its row's started_at →
 * finished_at), CPU and peak RSS of the CLI process, and the import against the anchors.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, like } from "drizzle-orm";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { closeDb, createDb } from "../../db/client";
import { regions } from "../../db/schema/regions";
import { idCheckChar } from "../../src/lib/id-number";
import { mulberry32 } from "../../src/lib/prng";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo, writeResults } from "./runner";

const { values: opts } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    county: { type: "string", default: "450332" },
    /** Keep the benchmark database afterwards (to look at it). */
    keep: { type: "boolean", default: false },
    /** Use the ledger a previous run wrote (the generator is deterministic, and slow). */
    reuse: { type: "boolean", default: false },
    /** Each round: both anchors, then the CLI twice; medians are quoted. */
    rounds: { type: "string", default: "3" },
  },
});
const ROWS = Number(opts.rows);
const COUNTY = opts.county!;
const DB_NAME = "gangtong_bench_import";
const WORK_DIR = path.resolve(".data/bench/import");

const SURNAMES = "莫黄韦陆覃蒙李梁廖卢周罗蓝唐潘谭农赵邓盘".split("");
const GIVEN = "振华秀英志强丽娟建国桂芳文明春梅海燕永福金凤德胜玉兰小军明辉晓红国庆美玲".split("");
const RELATIONS = ["配偶", "之子", "之女", "之媳", "之孙", "之孙女"];
const TYPES = ["脱贫户", "脱贫户", "脱贫户", "脱贫不稳定户", "边缘易致贫户", "一般农户"];
const CAPACITY = [
  "全劳动力",
  "全劳动力",
  "普通劳动力",
  "技能劳动力",
  "半劳动力",
  "弱劳动力",
  "弱劳动力或半劳动力",
];
const INTENTION = ["区外", "赴粤务工", "区内", "就近", "无"];
const SKILLS = [
  "",
  "电焊",
  "家政",
  "育婴",
  "砌筑、抹灰",
  "米粉制作",
  "电工",
  "茶叶加工、种植",
  "驾驶",
];
const WAGE = ["", "3000", "3500元", "4000-5000", "5000", "面议"];
const STATUS = ["未就业", "区外务工", "区内务工", "县内就业", "灵活就业", "公益性岗位"];

// A deterministic ledger, run after run.
const rand = mulberry32(20251123);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

async function prepareDatabase(adminUrl: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

async function referenceData(databaseUrl: string) {
  const db = createDb(databaseUrl, { max: 2 });
  try {
    const villages = await db
      .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
      .from(regions)
      .where(and(like(regions.code, `${COUNTY}%`), eq(regions.level, "village")));
    const townships = await db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(and(like(regions.code, `${COUNTY}%`), eq(regions.level, "township")));
    const counties = await db
      .select({ code: regions.code })
      .from(regions)
      .where(and(like(regions.code, "45%"), eq(regions.level, "county")));
    return {
      villages,
      townships: new Map(townships.map((t) => [t.code, t.name])),
      counties: counties.map((c) => c.code),
    };
  } finally {
    await closeDb(db);
  }
}

/** Unique, checksummed, working-age ID numbers issued in `counties`. */
function idFactory(counties: string[]) {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const y = 1965 + Math.floor(rand() * 40);
      const m = 1 + Math.floor(rand() * 12);
      const d = 1 + Math.floor(rand() * 28);
      const first17 = `${pick(counties)}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${String(Math.floor(rand() * 1000)).padStart(3, "0")}`;
      if (used.has(first17)) continue;
      used.add(first17);
      return first17 + idCheckChar(first17);
    }
  };
}

async function writeLedger(
  file: string,
  ref: Awaited<ReturnType<typeof referenceData>>,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet("脱贫劳动力台账");
  ws.addRow([`${COUNTY} 脱贫人口劳动力基础信息台账（基准测试数据）`]).commit();
  ws.addRow([
    "序号",
    "户编号",
    "姓名",
    "性别",
    "公民身份号码",
    "与户主关系",
    "联系电话",
    "人口类型",
    "劳动能力",
    "务工意愿",
    "技能特长",
    "期望月薪（元）",
    "就业状态",
    "乡镇",
    "所在村",
    "安置点",
  ]).commit();
  const nextId = idFactory(ref.counties);
  let n = 0;
  let household = 0;
  while (n < ROWS) {
    household++;
    const size = Math.min(ROWS - n, 1 + Math.floor(rand() * 5));
    const village = pick(ref.villages);
    const no = `${village.code}${String(household).padStart(6, "0")}`.slice(0, 18);
    const site = rand() < 0.1 ? `${ref.townships.get(village.parentCode!) ?? ""}安置区` : "";
    const sharedPhone = `1${pick(["38", "39", "58", "77", "86"])}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`;
    const rows: ExcelJS.Row[] = [];
    for (let k = 0; k < size; k++) {
      const id = nextId();
      const phone =
        rand() < 0.15
          ? ""
          : k > 0 && rand() < 0.3
            ? sharedPhone
            : `1${pick(["38", "39", "58", "77", "86"])}${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`;
      rows.push(
        ws.addRow([
          ++n,
          k === 0 ? no : null,
          pick(SURNAMES) + pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : ""),
          Number(id[16]) % 2 === 1 ? "男" : "女",
          id,
          k === 0 ? "户主" : pick(RELATIONS),
          k === 0 ? sharedPhone : phone,
          pick(TYPES),
          pick(CAPACITY),
          pick(INTENTION),
          pick(SKILLS),
          pick(WAGE),
          pick(STATUS),
          k === 0 ? (ref.townships.get(village.parentCode!) ?? "") : null,
          k === 0 ? village.name : null,
          site,
        ]),
      );
    }
    if (size > 1) {
      const [top, bottom] = [rows[0]!.number, rows[rows.length - 1]!.number];
      for (const col of ["B", "N", "O"]) ws.mergeCells(`${col}${top}:${col}${bottom}`);
    }
    for (const r of rows) r.commit();
  }
  ws.commit();
  await wb.commit();
}

async function importSeconds(databaseUrl: string, stdout: string): Promise<number> {
  const id = /import id: ([0-9a-f-]{36})/.exec(stdout)?.[1];
  if (!id) return Number.NaN;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [row] = await sql<
    { s: number }[]
  >`select extract(epoch from finished_at - started_at)::float8 as s from imports where id = ${id}`;
  await sql.end();
  return row?.s ?? Number.NaN;
}

interface Run {
  label: string;
  exit: number;
  /** The whole command: process start, boot, import, result file, exit. */
  wallS: number;
  /** CPU time of the CLI process (user + system): less sensitive to other load than wall time. */
  cpuS: number;
  peakRssMiB: number;
  /** started_at → finished_at of the import row: the service alone, without boot. */
  importS: number;
  stdout: string;
}

function runCli(label: string, file: string, out: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "/usr/bin/time",
      [
        "-f",
        "BENCH %e %M %U %S",
        process.execPath,
        "--import",
        "tsx",
        "scripts/import.ts",
        file,
        "--county",
        COUNTY,
        "--out",
        out,
      ],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const m = /BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (!m) return reject(new Error(`no timing in output:\n${stderr}`));
      resolve({
        label,
        exit: code ?? -1,
        wallS: Number(m[1]),
        peakRssMiB: Math.round(Number(m[2]) / 1024),
        cpuS: Number(m[3]) + Number(m[4]),
        importS: 0,
        stdout: stdout.trim(),
      });
    });
  });
}

/** Anchor: the same file read with a plain exceljs streaming reader, nothing else. The floor for reading. */
async function anchorRead(file: string): Promise<number> {
  const t = performance.now();
  let n = 0;
  for await (const ws of new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
    worksheets: "emit",
  })) {
    for await (const _row of ws) n++;
  }
  if (n < ROWS) throw new Error(`anchor read ${n} rows`);
  return (performance.now() - t) / 1000;
}

/**
 * Anchor: as many labourer rows inserted by one INSERT … SELECT from generate_series into a
 * temporary copy of `labourers` (same columns, defaults and indexes; no foreign keys), so the
 * real table is left without the dead rows a rolled-back insert would leave. The floor for writing.
 */
async function anchorWrite(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(
      "create temp table anchor_labourers (like labourers including defaults including indexes)",
    );
    const t = performance.now();
    await sql
      .begin(async (tx) => {
        await tx.unsafe(`insert into anchor_labourers (name, id_number_enc, id_number_hash, id_number_masked, sex, birth_date, person_type,
          labour_capacity, village_code, phone_enc, phone_hash, phone_masked, skills)
        select '莫振华', 'v1.' || md5(g::text) || md5(g::text), 'anchor' || md5(g::text), '450332********1234', 'male', '1990-01-01',
          'tuopin', 'full', '${COUNTY}100200', 'v1.' || md5(g::text), md5(g::text || 'p'), '138****5678', '{电焊}'
        from generate_series(1, ${ROWS}) g`);
        throw new Error("rollback");
      })
      .catch((err: Error) => {
        if (err.message !== "rollback") throw err;
      });
    return (performance.now() - t) / 1000;
  } finally {
    await sql.end();
  }
}

async function resetRegistry(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql.unsafe(
    "truncate labourers, households, imports cascade; delete from users where role = 'labourer'",
  );
  await sql.end();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const booted = await boot({ ...process.env, LOG_LEVEL: "warn" });
const adminUrl = booted.config.services.databaseUrl;
try {
  const databaseUrl = await prepareDatabase(adminUrl);
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" };
  await (await boot(env)).services.stop();
  const ref = await referenceData(databaseUrl);
  mkdirSync(WORK_DIR, { recursive: true });
  const file = path.join(WORK_DIR, `ledger-${ROWS}.xlsx`);
  if (!opts.reuse || !existsSync(file)) await writeLedger(file, ref);
  const sizeMiB = statSync(file).size / 1024 ** 2;
  const machine = machineInfo();
  const rounds: { readS: number; writeS: number; first: Run; again: Run }[] = [];
  for (let i = 0; i < Number(opts.rounds); i++) {
    await resetRegistry(databaseUrl);
    const readS = await anchorRead(file);
    const writeS = await anchorWrite(databaseUrl);
    const [first, again] = [
      await runCli("first import (all new)", file, path.join(WORK_DIR, "result-1.csv"), env),
      await runCli(
        "same file again (all unchanged)",
        file,
        path.join(WORK_DIR, "result-2.csv"),
        env,
      ),
    ];
    first.importS = await importSeconds(databaseUrl, first.stdout);
    again.importS = await importSeconds(databaseUrl, again.stdout);
    rounds.push({ readS, writeS, first, again });
    process.stderr.write(
      `round ${i + 1}: read ${readS.toFixed(1)} s, write ${writeS.toFixed(1)} s, first ${first.wallS} s, again ${again.wallS} s\n`,
    );
  }
  const m = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const line = (label: string, pick: (r: (typeof rounds)[number]) => Run) => {
    const wall = m((r) => pick(r).wallS);
    const imp = m((r) => pick(r).importS);
    return `| ${label} | ${wall.toFixed(1)} | **${Math.round(ROWS / wall)}** | ${imp.toFixed(1)} | ${Math.round(ROWS / imp)} | ${m((r) => pick(r).cpuS).toFixed(1)} | ${m((r) => pick(r).peakRssMiB)} | ${(imp / (m((r) => r.readS) + m((r) => r.writeS))).toFixed(2)}× | ${pick(rounds[0]!).stdout.split("\n")[0]} |`;
  };
  const table = [
    `anchors (median of ${rounds.length}): plain exceljs read ${m((r) => r.readS).toFixed(1)} s; INSERT … SELECT of ${ROWS} labourer rows ${m((r) => r.writeS).toFixed(1)} s`,
    "",
    "| CLI run | wall s | rows/s (wall) | import s | rows/s (import) | CLI CPU s | peak RSS MiB | import ÷ (read + write anchors) | counts |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    line("first import (all new)", (r) => r.first),
    line("same file again (all unchanged)", (r) => r.again),
  ].join("\n");
  writeResults(
    "import-ledger",
    `${table}\n\nfile: ${ROWS} rows, ${sizeMiB.toFixed(1)} MiB XLSX; machine: ${formatMachine(machine)}`,
    { rows: ROWS, county: COUNTY, fileMiB: sizeMiB, rounds, machine },
  );
  if (!opts.keep) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
} finally {
  await booted.services.stop();
}
