/**
 * `npx tsx scripts/bench/subsidy.ts [--claims 100000] [--batch 20000]`
 *
 * The subsidy engine at a year's scale (docs/SUBSIDY.md, docs/BENCHMARKS.md), in its own database
 * (`DATABASE_NAME`, default `gt_bench_subsidy`, dropped first and afterwards) and BullMQ prefix
 * (`QUEUE_PREFIX`, default `bench-subsidy`, obliterated afterwards):
 * 1. seed (untimed): `--claims` labourers by COPY, each with a job in Shenzhen confirmed, and the
 *    `employment.confirmed` outbox row a confirmation writes;
 * 2. **propose**: the outbox relay and the subsidy worker as deployed (`OutboxRelay` and
 *    `startSubsidyWorker` with their production options) drain that backlog: every claim, its
 *    event, the labourer's and cadre's notifications and their outbox rows;
 * 3. seed (untimed): a ticket, a bank card, `submitted` and the `subsidy.claim-submitted` outbox
 *    row per claim, as `submitClaim` leaves them;
 * 4. **check**: relay and worker again, until every claim is `checked`;
 * 5. `--batch` claims approved (straight), then **createBatch**, **exportBatch** (the 代发 XLSX)
 *    and **importReturnFile** of the bank's answer (all paid; the file is made untimed);
 * 6. anchors in the same run: `COPY FROM` of `--claims` claim rows into a copy of
 *    `subsidy_claims` (indexes included), and `COPY TO` / `COPY FROM` of the batch's rows.
 * Every phase: wall time, peak RSS and peak V8 heap of this process (sampled every 20 ms), and
 * Postgres's share is not in it. Results: docs/bench-results/subsidy.json.
 */
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { closeDeps, createDeps } from "../../src/deps";
import type { Ctx } from "../../src/lib/ctx";
import { createBatch, exportBatch } from "../../src/modules/subsidies/batches";
import { importReturnFile } from "../../src/modules/subsidies/reconcile";
import { OutboxRelay } from "../../workers/outbox-relay";
import { startSubsidyWorker } from "../../workers/subsidy";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo, writeResults } from "./runner";
import {
  CLAIM_COPY_COLUMNS,
  claimRows,
  copyIn,
  seedConfirmedOutbox,
  seedPeople,
  seedSubmissions,
} from "./subsidy-seed";

const { values: opts } = parseArgs({
  options: {
    claims: { type: "string", default: "100000" },
    batch: { type: "string", default: "20000" },
  },
});
const N = Number(opts.claims);
const BATCH = Math.min(Number(opts.batch), N);
const env = {
  ...process.env,
  DATABASE_NAME: process.env.DATABASE_NAME ?? "gt_bench_subsidy",
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? "bench-subsidy",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
const machine = machineInfo();
const command = `npx tsx scripts/bench/subsidy.ts --claims ${N} --batch ${BATCH}`;

interface Phase {
  label: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  startRssMiB: number;
  peakHeapMiB: number;
}
const phases: Phase[] = [];
const MiB = 1024 ** 2;

async function measure<T>(label: string, rows: number, fn: () => Promise<T>): Promise<T> {
  if (global.gc) global.gc();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const m = process.memoryUsage();
  const p: Phase = {
    label,
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMiB: Math.round(Math.max(rss, m.rss) / MiB),
    startRssMiB: Math.round(start.rss / MiB),
    peakHeapMiB: Math.round(Math.max(heap, m.heapUsed) / MiB),
  };
  phases.push(p);
  process.stdout.write(`${JSON.stringify(p)}\n`);
  return value;
}

/** Polls until `done()` is true; fails fast when a job failed. */
async function until(done: () => Promise<boolean>, failed: () => Promise<number>) {
  for (;;) {
    if (await done()) return;
    const f = await failed();
    if (f > 0) throw new Error(`${f} subsidy jobs failed`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A fresh database: drop it, then boot (creates, migrates, loads reference data and programmes).
const first = await boot(env);
const url = first.config.services.databaseUrl;
const adminUrl = new URL(url);
adminUrl.pathname = "/postgres";
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${env.DATABASE_NAME} with (force)`);
await first.services.stop();
const booted = await boot(env);
const deps = createDeps(booted.config, booted.log);
// Jobs a killed earlier run left under the prefix.
for (const queue of deps.queues.all()) await queue.obliterate({ force: true });
const sql = postgres(url, { max: 2, onnotice: () => {} });
const officer: Ctx = {
  ...deps,
  actor: {
    kind: "user",
    userId: "00000000-0000-4000-8000-000000000001",
    role: "admin",
    regionCode: null,
    employerId: null,
    labourerId: null,
  },
  requestId: "bench",
};
const subsidyQueue = () =>
  new Queue("subsidy", { connection: deps.redis, prefix: deps.queues.prefix });

/** The relay and the subsidy worker as `npm start` runs them, until `done`. */
async function pipelineUntil(done: () => Promise<boolean>) {
  const relay = new OutboxRelay(deps);
  await relay.start();
  const worker = startSubsidyWorker(deps);
  const q = subsidyQueue();
  try {
    await until(done, () => q.getFailedCount());
  } finally {
    await relay.stop();
    await worker.close();
    await q.close();
  }
}
const count = async (where: string) =>
  Number((await sql.unsafe(`select count(*)::int as n from subsidy_claims ${where}`))[0]!.n);

try {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const t0 = performance.now();
  await seedPeople(sql, deps, N, today);
  await seedConfirmedOutbox(sql, N);
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  process.stdout.write(`seeded ${N} people and confirmed jobs in ${seedSeconds} s\n`);
  await sql`vacuum analyze`;

  // Anchor: the same number of claim rows through COPY into a copy of the table (its indexes too).
  const [ids] =
    await sql`select programme_id as programme, id as policy from subsidy_policies limit 1`;
  const rows = claimRows(N, ids as unknown as { programme: string; policy: string });
  await sql`create table anchor_claims (like subsidy_claims including all)`;
  await measure(`anchor: COPY ${N} claim rows`, N, () =>
    copyIn(sql, `copy anchor_claims ${CLAIM_COPY_COLUMNS} from stdin`, rows),
  );
  await sql`drop table anchor_claims`;

  await measure(`propose ${N} (relay + subsidy worker)`, N, () =>
    pipelineUntil(async () => (await count("")) >= N),
  );
  const notices = Number((await sql`select count(*)::int as n from notifications`)[0]!.n);
  process.stdout.write(`notifications written: ${notices}\n`);

  await seedSubmissions(sql, deps);
  await sql`vacuum analyze`;
  await measure(`check ${N} (relay + subsidy worker)`, N, () =>
    pipelineUntil(async () => (await count("where status = 'checked'")) >= N),
  );
  const passed = await count("where check_passed");
  if (passed !== N) throw new Error(`only ${passed} of ${N} checks passed`);

  await sql`update subsidy_claims set status = 'approved'
    where id in (select id from subsidy_claims order by id limit ${BATCH})`;
  const batch = await measure(`create batch ${BATCH}`, BATCH, () =>
    createBatch(officer, { programme: "transport_subsidy" }),
  );
  if (batch.claimCount !== BATCH) throw new Error(`batch of ${batch.claimCount}`);
  const exported = await measure(`export XLSX ${BATCH}`, BATCH, () =>
    exportBatch(officer, batch.id),
  );
  // The bank's answer (untimed): the export's rows with 结果 成功 and a reference.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.bytes as unknown as ArrayBuffer);
  const back = new ExcelJS.Workbook();
  const bs = back.addWorksheet("回盘");
  wb.getWorksheet(1)!.eachRow((row, n) => {
    const v = (row.values as unknown[]).slice(1).map((x) => String(x ?? ""));
    if (v[0] === "合计") return;
    bs.addRow(n === 1 ? [...v, "结果", "失败原因", "银行流水号"] : [...v, "成功", "", `B${n}`]);
  });
  const file = new File([new Uint8Array(await back.xlsx.writeBuffer())], "回盘.xlsx");
  const imported = await measure(`import return XLSX ${BATCH}`, BATCH, () =>
    importReturnFile(officer, batch.id, file),
  );
  if (imported.counts.paid !== BATCH) throw new Error(`paid ${imported.counts.paid}`);

  // Its own client: a COPY TO stream leaves its connection unusable for the COPY FROM after it.
  const out1 = postgres(url, { max: 1, onnotice: () => {} });
  await measure(`anchor: COPY TO ${BATCH} batch rows`, BATCH, async () => {
    const out = await out1
      .unsafe(`copy (select i.seq, i.id, l.name, l.id_number_enc, c.payee_account_enc, i.amount_fen
          from payment_batch_items i join subsidy_claims c on c.id = i.claim_id
          join labourers l on l.id = c.labourer_id where i.batch_id = '${batch.id}') to stdout`)
      .readable();
    for await (const _ of out) void _;
  });
  await out1.end({ timeout: 1 });
  const items = await sql`select id from payment_batch_items where batch_id = ${batch.id}`;
  await sql`create table anchor_return (item_id uuid, result text, reference text)`;
  await measure(`anchor: COPY FROM ${BATCH} return rows`, BATCH, () =>
    copyIn(
      sql,
      "copy anchor_return from stdin",
      items.map((r, i) => `${r.id}\tpaid\tB${i}\n`),
    ),
  );

  const md = [
    `machine: ${formatMachine(machine)} (load average at the start)`,
    `command: ${command}`,
    "",
    "| phase | rows | wall s | rows/s | peak RSS MiB (start) | peak heap MiB |",
    "|---|--:|--:|--:|--:|--:|",
    ...phases.map(
      (p) =>
        `| ${p.label} | ${p.rows} | ${p.seconds} | ${p.rowsPerSecond} | ${p.peakRssMiB} (${p.startRssMiB}) | ${p.peakHeapMiB} |`,
    ),
  ].join("\n");
  writeResults(N >= 100_000 ? "subsidy" : `subsidy-${N}`, md, {
    machine,
    command,
    seedSeconds,
    notifications: notices,
    phases,
  });
} finally {
  await sql.end();
  const q = deps.queues.all();
  for (const queue of q) await queue.obliterate({ force: true }).catch(() => {});
  await closeDeps(deps);
  await admin.unsafe(`drop database if exists ${env.DATABASE_NAME} with (force)`);
  await admin.end();
  await booted.services.stop();
}
