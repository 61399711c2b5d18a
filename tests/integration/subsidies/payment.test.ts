import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { paymentBatchItems, subsidyClaims } from "../../../db/schema/subsidies";
import type { AuthAs } from "../../support/harness";
import { json } from "../../support/harness";
import { apply, moves, openPosting, person, today } from "../applications/factory";
import {
  hiredOutside,
  proposedClaim,
  submitAndCheck,
  subsidyHarness,
  subsidyPipeline,
  uploadTicket,
} from "./factory";

let h: Awaited<ReturnType<typeof subsidyHarness>>;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  h = await subsidyHarness();
  pipeline = await subsidyPipeline(h);
});
afterAll(async () => {
  await pipeline?.stop();
  await h?.close();
  h?.cleanup();
});

/** A claim approved by the county, for a fresh person hired in Shenzhen; tickets of `fen`. */
async function approvedClaim(fen: number) {
  const p = await hiredOutside(h);
  const claim = await proposedClaim(h, p.as);
  await uploadTicket(h, p.as, claim.id, `T${fen}`, fen);
  await submitAndCheck(h, p.as, claim.id);
  const ok = await json(
    await h.api.post(
      `/api/v1/subsidy-claims/${claim.id}/review`,
      { decision: "approve" },
      p.bureau,
    ),
  );
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  return { ...p, claimId: claim.id };
}

async function exportRows(batchId: string, as: AuthAs) {
  const res = await h.api.get(`/api/v1/payment-batches/${batchId}/export`, as);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("代发明细")!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

/** The export with the bank's three columns added: `answer(row)` gives [结果, 失败原因, 流水号]. */
function returnRows(rows: string[][], answer: (r: string[]) => string[]) {
  const [header, ...data] = rows;
  return [
    [...header!, "结果", "失败原因", "银行流水号"],
    ...data.filter((r) => r[0] !== "合计").map((r) => [...r, ...answer(r)]),
  ];
}

async function xlsxOf(rows: string[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("回盘");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csvOf = (rows: string[][]) =>
  rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))
    .join("\r\n");

async function importReturn(batchId: string, bytes: Uint8Array, as: AuthAs, name = "回盘.xlsx") {
  const form = new FormData();
  form.set("file", new File([bytes], name));
  return json(
    await h.api.raw(`/api/v1/payment-batches/${batchId}/return-file`, {
      method: "POST",
      headers: as.headers,
      body: form,
    }),
  );
}

describe("the whole path", () => {
  it("hired in Shenzhen → proposed → ticket → checked → approved → batch XLSX → return file → 已发放", async () => {
    const posting = await openPosting(h, { channel: "gd_gx" });
    const p = await person(h);
    const application = await apply(h, p.as, posting.job.id);
    await moves(
      h,
      posting.as,
      application.id,
      { to: "accepted" },
      { to: "hired", startDate: today(), wageFen: 520_000, wageUnit: "month" },
    );
    const claim = await proposedClaim(h, p.as);
    expect(claim).toMatchObject({ status: "proposed", destinationCode: "440306" });
    expect((await uploadTicket(h, p.as, claim.id, "E9001", 28_650)).status).toBe(201);
    const checked = await submitAndCheck(h, p.as, claim.id);
    expect(checked).toMatchObject({ checkPassed: true, amountFen: 28_650 });
    const bureau = await h.as.bureau("450332");
    const queue = await json(await h.api.get("/api/v1/subsidy-claims?status=checked", bureau));
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(claim.id);
    const approved = await json(
      await h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "approve" },
        bureau,
      ),
    );
    expect(approved.body.status).toBe("approved");

    const other = await approvedClaim(40_000);
    const batch = await json(await h.api.post("/api/v1/payment-batches", {}, bureau));
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    const ours = (
      await h.deps.db
        .select()
        .from(paymentBatchItems)
        .where(eq(paymentBatchItems.batchId, batch.body.id))
    ).map((i) => i.claimId);
    expect(ours).toEqual(expect.arrayContaining([claim.id, other.claimId]));
    const sumFen = (
      await h.deps.db
        .select({ s: sql<number>`sum(amount_fen)::int` })
        .from(subsidyClaims)
        .where(
          sql`id in (select claim_id from payment_batch_items where batch_id = ${batch.body.id})`,
        )
    )[0]!.s;
    expect(batch.body.totalFen).toBe(sumFen);

    const auditBefore = await h.deps.db.$count(auditLog, eq(auditLog.entityId, batch.body.id));
    const rows = await exportRows(batch.body.id, bureau);
    expect(await h.deps.db.$count(auditLog, eq(auditLog.entityId, batch.body.id))).toBe(
      auditBefore + 1,
    );
    expect(rows[0]).toEqual([
      "序号",
      "业务编号",
      "姓名",
      "身份证号",
      "账户类型",
      "账号",
      "金额（元）",
      "用途",
    ]);
    const mine = rows.find((r) => r[3] === p.labourer.input.idNumber)!;
    expect(mine).toMatchObject({
      2: "莫秀英",
      5: "6222021234567890123",
      6: "286.50",
      7: "一次性往返交通补贴",
    });
    const total = rows.at(-1)!;
    expect(total[0]).toBe("合计");
    // The file's total is the sum of its rows, added up in fen from the text.
    const rowsFen = rows.slice(1, -1).reduce((s, r) => s + Number(r[6]!.replace(".", "")), 0);
    expect(Number(total[6]!.replace(".", ""))).toBe(rowsFen);
    expect(rowsFen).toBe(batch.body.totalFen);

    const back = returnRows(rows, (r) =>
      r[1] === mine[1] ? ["成功", "", "BANK0001"] : ["失败", "账户已冻结", ""],
    );
    const res = await importReturn(batch.body.id, await xlsxOf(back), bureau);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ paid: 1, failed: rows.length - 3, refused: 0 });
    expect(res.body.batchStatus).toBe("closed");
    const seen = await json(await h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.as));
    expect(seen.body).toMatchObject({
      status: "paid",
      statusLabel: "已发放",
      paymentReference: "BANK0001",
    });
    const failed = await json(await h.api.get(`/api/v1/subsidy-claims/${other.claimId}`, other.as));
    expect(failed.body).toMatchObject({
      status: "payment_failed",
      paymentFailureReason: "账户已冻结",
    });

    // The failed one goes into a later batch, and is paid there; the paid one never again.
    const again = await json(await h.api.post("/api/v1/payment-batches", {}, bureau));
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const later = (
      await h.deps.db
        .select()
        .from(paymentBatchItems)
        .where(eq(paymentBatchItems.batchId, again.body.id))
    ).map((i) => i.claimId);
    expect(later).toContain(other.claimId);
    expect(later).not.toContain(claim.id);
  });
});

describe("the return file", () => {
  it("is read as UTF-8 CSV and GBK CSV; unknown, repeated and mismatched rows are refused one by one and change nothing", async () => {
    const a = await approvedClaim(30_000);
    const b = await approvedClaim(31_000);
    const c = await approvedClaim(32_000);
    const bureau = await h.as.bureau("450332");
    const batch = await json(await h.api.post("/api/v1/payment-batches", {}, bureau));
    const rows = await exportRows(batch.body.id, bureau);
    const byClaim = async (claimId: string) => {
      const [item] = await h.deps.db
        .select()
        .from(paymentBatchItems)
        .where(eq(paymentBatchItems.claimId, claimId));
      return rows.find((r) => r[1] === item!.id)!;
    };
    const ra = await byClaim(a.claimId);
    const rb = await byClaim(b.claimId);
    const rc = await byClaim(c.claimId);
    const header = [...rows[0]!, "结果", "失败原因", "银行流水号"];
    const file = [
      header,
      [...ra, "成功", "", "R-A"],
      [...ra, "成功", "", "R-A2"], // repeated
      [
        "99",
        "00000000-0000-4000-8000-000000000000",
        "某人",
        "",
        "",
        "",
        "1.00",
        "",
        "成功",
        "",
        "",
      ], // unknown
      [...rb.slice(0, 6), "310.01", rb[7]!, "成功", "", "R-B"], // amount mismatch
      [...rc.slice(0, 3), "450332199001011234", ...rc.slice(4), "成功", "", "R-C"], // ID mismatch
    ];
    const res = await importReturn(
      batch.body.id,
      iconv.encode(csvOf(file), "gbk"),
      bureau,
      "回盘.csv",
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts).toEqual({ paid: 1, failed: 0, refused: 4 });
    expect(res.body.rows.map((r: { code: string | null }) => r.code)).toEqual([
      null,
      "DUPLICATE_ROW",
      "UNKNOWN_ROW",
      "MISMATCH_AMOUNT",
      "MISMATCH_ID_NUMBER",
    ]);
    expect(res.body.rows[3].reason).toContain("310.01");
    const status = async (id: string) =>
      (await h.deps.db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)))[0]!.status;
    expect(await status(a.claimId)).toBe("paid");
    expect(await status(b.claimId)).toBe("approved");
    expect(await status(c.claimId)).toBe("approved");

    // The corrected rows in UTF-8 CSV (with a BOM, as Excel writes it); A again is refused, not paid twice.
    const fixed = [
      header,
      [...ra, "成功", "", "R-A"],
      [...rb, "成功", "", "R-B"],
      [...rc, "失败", "户名不符", ""],
    ];
    const res2 = await importReturn(
      batch.body.id,
      new TextEncoder().encode(`\uFEFF${csvOf(fixed)}`),
      bureau,
      "回盘.csv",
    );
    expect(res2.body.counts).toEqual({ paid: 1, failed: 1, refused: 1 });
    expect(res2.body.rows[0].code).toBe("ALREADY_RECORDED");
    expect(await status(b.claimId)).toBe("paid");
    expect(await status(c.claimId)).toBe("payment_failed");
    const got = await json(await h.api.get(`/api/v1/payment-batches/${batch.body.id}`, bureau));
    expect(got.body).toMatchObject({
      status: "closed",
      paidCount: 2,
      paidFen: 61_000,
      failedCount: 1,
    });
  });
});

describe("concurrency", () => {
  it("twenty concurrent batch creations put each claim in exactly one batch", async () => {
    const claims = await Promise.all([
      approvedClaim(10_000),
      approvedClaim(11_000),
      approvedClaim(12_000),
    ]);
    const bureau = await h.as.bureau("450332");
    const res = await Promise.all(
      Array.from({ length: 20 }, async () => h.api.post("/api/v1/payment-batches", {}, bureau)),
    );
    expect(res.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    for (const c of claims) {
      const items = await h.deps.db
        .select()
        .from(paymentBatchItems)
        .where(eq(paymentBatchItems.claimId, c.claimId));
      expect(items, c.claimId).toHaveLength(1);
    }
  });

  it("twenty concurrent imports of the same return file pay once", async () => {
    const a = await approvedClaim(20_000);
    const bureau = await h.as.bureau("450332");
    const batch = await json(await h.api.post("/api/v1/payment-batches", {}, bureau));
    expect(batch.status).toBe(201);
    const rows = await exportRows(batch.body.id, bureau);
    const bytes = await xlsxOf(returnRows(rows, () => ["成功", "", "R-X"]));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => importReturn(batch.body.id, bytes, bureau)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const paid = results.reduce((s, r) => s + r.body.counts.paid, 0);
    expect(paid).toBe(rows.length - 2);
    const detail = await json(await h.api.get(`/api/v1/subsidy-claims/${a.claimId}`, a.as));
    expect(detail.body.status).toBe("paid");
    expect(detail.body.events.filter((e: { to: string }) => e.to === "paid")).toHaveLength(1);
  });
});
