/**
 * `npx tsx scripts/bench/subsidy.ts [--claims 100000] [--batch 20000] [--concurrency 8]`
 *
 * The subsidy engine at a year's scale (docs/SUBSIDY.md): in its own database `gt_bench_subsidy`
 * (dropped afterwards),
 * 1. `--claims` confirmed employments outside Guangxi are written straight to the tables;
 * 2. proposals: `proposeForEmployment` for each, `--concurrency` at a time (what the subsidy
 *    worker does per job), then the automatic check `checkClaim` for each after tickets and a
 *    payee account are written straight to the tables;
 * 3. `--batch` approved claims: `createBatch`, `exportBatch` (the 代发 XLSX), and
 *    `importReturnFile` of the bank's answer (all paid);
 * 4. the anchor: the same rows through plain `COPY … TO STDOUT` and `COPY … FROM STDIN`.
 * Each phase reports wall time and the peak RSS of this process while it ran.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { sql as dsql } from "drizzle-orm";
import ExcelJS from "exceljs";
import postgres from "postgres";
import { labourers } from "../../db/schema/labourers";
import { employments } from "../../db/schema/placement";
import { subsidyClaims, subsidyProofs } from "../../db/schema/subsidies";
import { closeDeps, createDeps } from "../../src/deps";
import { maskIdNumber } from "../../src/lib/crypto";
import type { Ctx } from "../../src/lib/ctx";
import { idCheckChar } from "../../src/lib/id-number";
import { createBatch, exportBatch } from "../../src/modules/subsidies/batches";
import { checkClaim } from "../../src/modules/subsidies/check";
import { importReturnFile } from "../../src/modules/subsidies/reconcile";
import { proposeForEmployment } from "../../src/modules/subsidies/service";
import { boot } from "../lib/boot";
import { formatMachine, machineInfo } from "./runner";

const { values: opts } = parseArgs({
  options: {
    claims: { type: "string", default: "100000" },
    batch: { type: "string", default: "20000" },
    concurrency: { type: "string", default: "8" },
  },
});
const N = Number(opts.claims);
const BATCH = Number(opts.batch);
const PEOPLE = Math.max(N, BATCH);
const CONC = Number(opts.concurrency);
const DB_NAME = "gt_bench_subsidy";

async function measure<T>(label: string, fn: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t0 = performance.now();
  const value = await fn();
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const line = {
    label,
    seconds: Math.round(s * 100) / 100,
    peakRssMiB: Math.round(peak / 1024 ** 2),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return { value, ...line };
}

async function pool<T>(items: T[], fn: (t: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const chunks = <T>(xs: T[], n = 5000) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

const admin = await boot({ ...process.env, LOG_LEVEL: "warn" });
const adminUrl = admin.config.services.databaseUrl;
const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
await a.unsafe(`drop database if exists ${DB_NAME} with (force)`);
await a.unsafe(`create database ${DB_NAME}`);
const u = new URL(adminUrl);
u.pathname = `/${DB_NAME}`;
const booted = await boot({ ...process.env, DATABASE_URL: u.toString(), LOG_LEVEL: "warn" });
const deps = createDeps(booted.config, booted.log);
const ctx: Ctx = {
  ...deps,
  actor: {
    kind: "user",
    userId: randomUUID(),
    role: "admin",
    regionCode: null,
    employerId: null,
    labourerId: null,
  },
  requestId: "bench",
};
const sys: Ctx = { ...deps, actor: { kind: "system", name: "bench" }, requestId: "bench" };
const results: Awaited<ReturnType<typeof measure>>[] = [];
try {
  // 1. People and confirmed jobs in Shenzhen.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const part of chunks(Array.from({ length: PEOPLE }, (_, i) => i))) {
    const people = part.map((i) => {
      const first17 = `450332${1970 + (i % 30)}0101${String(i % 1000).padStart(3, "0")}`;
      const id = `${first17.slice(0, 14)}${String(i).padStart(7, "0").slice(-3)}`;
      const full = id + idCheckChar(id);
      return {
        name: `莫${i}`,
        idNumberEnc: deps.pii.encrypt(full),
        idNumberHash: deps.pii.hash("id", `${full}-${i}`),
        idNumberMasked: maskIdNumber(full),
        sex: "male" as const,
        birthDate: "1980-01-01",
        personType: "tuopin" as const,
        labourCapacity: "full" as const,
        villageCode: "450332102201",
      };
    });
    const rows = await deps.db.insert(labourers).values(people).returning({ id: labourers.id });
    const jobs = await deps.db
      .insert(employments)
      .values(
        rows.map((r) => ({
          labourerId: r.id,
          source: "self_found" as const,
          employerName: "深圳市宝安区某电子厂",
          regionCode: "440306",
          outsideGuangxi: true,
          startDate: today,
          recordedRole: "bench",
          confirmedAt: new Date(),
        })),
      )
      .returning({ id: employments.id });
    ids.push(...jobs.map((j) => j.id));
  }

  // 2. Proposals, then tickets and accounts, then checks.
  results.push(
    await measure(`propose ${N}`, () =>
      pool(ids.slice(0, N), (id) => proposeForEmployment(sys, id)),
    ),
  );
  const claims = await deps.db.select({ id: subsidyClaims.id }).from(subsidyClaims);
  for (const part of chunks(claims)) {
    await deps.db.insert(subsidyProofs).values(
      part.map((c, i) => ({
        claimId: c.id,
        ticketNo: `T${i}`,
        amountFen: 28_650 + (i % 50_000),
        storageKey: randomUUID(),
        mediaType: "image/jpeg",
        sizeBytes: 1000,
        sha256: "0".repeat(64),
        uploadedRole: "bench",
      })),
    );
  }
  await deps.db.update(subsidyClaims).set({
    status: "submitted",
    submissions: 1,
    payeeAccountType: "bank_card",
    payeeAccountEnc: deps.pii.encrypt("6222021234567890123"),
    payeeAccountMasked: "6222***********0123",
  });
  results.push(
    await measure(`check ${claims.length}`, () => pool(claims, (c) => checkClaim(sys, c.id, 1))),
  );

  // 3. A batch of BATCH approved claims: create, export, reconcile.
  // Checked claims approved; claims for the remaining people written straight (the batch needs BATCH).
  await deps.db.execute(
    dsql.raw(`update subsidy_claims set status = 'approved' where check_passed`),
  );
  const enc = deps.pii.encrypt("6222021234567890123");
  await deps.db.execute(
    dsql.raw(`insert into subsidy_claims (programme_id, policy_id, policy_year, labourer_id, employment_id,
        village_code, destination_code, status, origin, amount_fen, check_passed, payee_account_type,
        payee_account_enc, payee_account_masked)
      select p.programme_id, p.id, extract(year from e.start_date), e.labourer_id, e.id, '450332102201',
        e.region_code, 'approved', 'staff', 28650, true, 'bank_card', '${enc}', '6222***********0123'
      from employments e cross join (select * from subsidy_policies limit 1) p
      where not exists (select 1 from subsidy_claims c where c.employment_id = e.id)
      limit greatest(0, ${BATCH} - (select count(*) from subsidy_claims where status = 'approved'))`),
  );
  const batch = await measure(`create batch ${BATCH}`, () =>
    createBatch(ctx, { programme: "transport_subsidy" }),
  );
  results.push(batch);
  const exported = await measure(`export XLSX ${BATCH}`, () => exportBatch(ctx, batch.value.id));
  results.push(exported);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.value.bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(1)!;
  const back = new ExcelJS.Workbook();
  const bs = back.addWorksheet("回盘");
  ws.eachRow((row, n) => {
    const v = (row.values as unknown[]).slice(1).map((x) => String(x ?? ""));
    if (v[0] === "合计") return;
    bs.addRow(n === 1 ? [...v, "结果", "失败原因", "银行流水号"] : [...v, "成功", "", `B${n}`]);
  });
  const file = new File([new Uint8Array(await back.xlsx.writeBuffer())], "回盘.xlsx");
  const imported = await measure(`import return XLSX ${BATCH}`, () =>
    importReturnFile(ctx, batch.value.id, file),
  );
  results.push(imported);
  if (imported.value.counts.paid !== BATCH) throw new Error(`paid ${imported.value.counts.paid}`);

  // 4. The anchor: the same rows through COPY out and COPY in.
  let sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
  results.push(
    await measure(`COPY TO ${BATCH}`, async () => {
      const out =
        await sql`copy (select i.seq, i.id, l.name, l.id_number_enc, c.payee_account_enc, i.amount_fen from payment_batch_items i join subsidy_claims c on c.id = i.claim_id join labourers l on l.id = c.labourer_id) to stdout`.readable();
      for await (const _ of out) void _;
    }),
  );
  results.push(
    await measure(`COPY FROM ${BATCH}`, async () => {
      await sql.end();
      sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
      await sql`create temp table bank_return (item_id uuid, result text, reference text)`;
      const items = await sql`select id from payment_batch_items`;
      await pipeline(
        Readable.from(items.map((r) => `${r.id}\tpaid\tB\n`)),
        await sql`copy bank_return from stdin`.writable(),
      );
    }),
  );
  await sql.end();
  process.stdout.write(
    `${formatMachine(machineInfo())}\n${JSON.stringify(results.map(({ value: _, ...r }) => r))}\n`,
  );
} finally {
  await closeDeps(deps);
  await a.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await a.end();
  await booted.services.stop();
  await admin.services.stop();
}
