import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subsidyProofs } from "../../db/schema/subsidies";
import { today } from "../integration/applications/factory";
import { hiredOutside, subsidyPipeline } from "../integration/subsidies/factory";
import { type AuthAs, eventually, json } from "../support/harness";
import { type E2e, layoutProblems, poll, screenshot, startE2e } from "./browser";
import { latinOnScreen, recordingOtp, signInH5 } from "./fixtures";
import { pngPhoto } from "./photo";

/**
 * Issue 14's H5 side: a labourer confirmed in Shenzhen finds the claim the system proposed,
 * photographs a ticket, submits; the county approves, batches and reconciles through the API (the
 * bureau pages are another file's); the labourer then reads 已发放 with the amount and the date.
 */
const { sent, otpSender } = recordingOtp();
const dataDir = mkdtempSync(join(tmpdir(), "gt-subsidy-e2e-"));

let e: E2e;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender }, env: { DATA_DIR: dataDir } });
  pipeline = await subsidyPipeline(e.h);
});
afterAll(async () => {
  await pipeline?.stop();
  await e?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A real PNG; over 64 KB where a page uploads it, as a phone photo is (photo.ts). */
const PNG = pngPhoto(96 * 1024);

async function claimStatus(claimId: string, as: AuthAs) {
  return (await json(await e.h.api.get(`/api/v1/subsidy-claims/${claimId}`, as))).body;
}

/** The county: export the batch, answer every row 成功 as the bank would, import it back. */
async function bankPaysBatch(batchId: string, as: AuthAs) {
  const res = await e.h.api.get(`/api/v1/payment-batches/${batchId}/export`, as);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet("代发明细")!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  const [header, ...data] = rows;
  const answer = [
    [...header!, "结果", "失败原因", "银行流水号"],
    ...data.filter((r) => r[0] !== "合计").map((r) => [...r, "成功", "", `BK${r[1]}`]),
  ];
  const csv = answer.map((r) => r.join(",")).join("\r\n");
  const form = new FormData();
  form.set("file", new File([new TextEncoder().encode(csv)], "回盘.csv"));
  const imported = await json(
    await e.h.api.raw(`/api/v1/payment-batches/${batchId}/return-file`, {
      method: "POST",
      headers: as.headers,
      body: form,
    }),
  );
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body.counts).toMatchObject({ paid: 1, refused: 0 });
}

describe("我的补贴 on the H5 page", () => {
  it("a labourer photographs a ticket and submits the proposed claim; once the bank pays it reads 已发放", async () => {
    const p = await hiredOutside(e.h, { person: { name: "韦春花" } });
    const claimId = await eventually(async () => {
      const list = await json(await e.h.api.get("/api/v1/subsidy-claims", p.as));
      return list.body.items?.[0]?.id as string | undefined;
    });

    const { page, errors } = await e.phone();
    await signInH5(page, sent, p.labourer.input.phone);
    await page.getByRole("button", { name: /我的补贴/ }).click();
    const card = page.locator(`#subsidy-list article[data-claim="${claimId}"]`);
    await poll(() => card.locator(".state").textContent()).toBe("可以申领");
    const words = (await card.textContent()) ?? "";
    expect(words).toContain("深圳市");
    expect(words).toContain("深圳市宝安区某电子厂");
    expect(words).toContain("拍照上传车票");
    expect(words).toContain("填写收款的银行卡号或社保卡号");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    await screenshot(page, "h5-subsidy-list");

    // The claim's page: the camera input, the page's own checks, then the API's.
    await card.getByRole("link", { name: "上传车票并提交申请" }).click();
    const photo = page.getByLabel(/车票照片/);
    expect(await photo.getAttribute("accept")).toBe("image/*");
    expect(await photo.getAttribute("capture")).toBe("environment");
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#ticket-photo-error").textContent()).toContain("拍一张车票照片");
    expect(await page.locator("#ticket-date-error").textContent()).toBe("请选择车票上的乘车日期");
    expect(await page.locator("#ticket-leg-error").textContent()).toBe(
      "请选择这张车票是去程还是返程",
    );
    // The leg's two big buttons carry GT_LABELS.ticketLeg's words; the date is the phone's picker.
    expect(await page.getByLabel(/乘车日期/).getAttribute("type")).toBe("date");
    await page.getByLabel(/乘车日期/).fill(today());
    await page.getByRole("button", { name: /返程（/ }).click();
    await page.getByRole("button", { name: /去程（/ }).click();
    expect(await page.getByRole("button", { name: /去程（/ }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    expect(await page.getByRole("button", { name: /返程（/ }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    await photo.setInputFiles({ name: "ticket.png", mimeType: "image/png", buffer: PNG });
    await page.locator(".camera-preview").waitFor(); // the photo taken, shown before it goes
    expect(await page.locator(".camera-face").textContent()).toContain("已拍好");
    await page.getByLabel(/票号/).fill("车票");
    await page.getByLabel("票价（元）").fill("286.555");
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#ticket-amount-error").textContent()).toContain("最多两位小数");
    await page.getByLabel("票价（元）").fill("286.5");
    await page.getByRole("button", { name: "上传这张车票" }).click();
    // The API refuses the ticket number, and says so under that field.
    await poll(() => page.locator("#ticket-no-error").textContent()).toContain("票号");
    expect(await page.locator("#ticket-no").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel(/票号/).fill("g1234567");
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#claim-status").textContent()).toContain("已上传票号 G1234567");
    const ticket = page.locator(".ticket").first();
    expect(await ticket.textContent()).toContain("票价 286.50 元");
    const d0 = today().split("-").map(Number);
    expect(await ticket.textContent()).toContain(`去程，${d0[1]}月${d0[2]}日乘车`);
    const [stored] = await e.h.deps.db
      .select()
      .from(subsidyProofs)
      .where(eq(subsidyProofs.claimId, claimId));
    expect(stored).toMatchObject({
      ticketNo: "G1234567",
      amountFen: 28_650,
      mediaType: "image/png",
      travelDate: today(),
      leg: "outbound",
    });
    await ticket.getByRole("button", { name: "看照片" }).click();
    await ticket.locator("img").waitFor();

    // 提交申请: no card number first, then a bank card.
    await page.getByRole("button", { name: "提交申请" }).click();
    await poll(() => page.locator("#payee-number-error").textContent()).toContain("银行卡号");
    await page.getByRole("button", { name: "银行卡" }).click();
    await page.getByLabel("卡号").fill("6222 0212 3456 7890 123");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await page.evaluate(
      "(() => { const t = document.querySelector('.ticket'); window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 120); })()",
    );
    await screenshot(page, "h5-subsidy-claim");
    await page.getByRole("button", { name: "提交申请" }).click();
    await poll(() => page.locator("#claim-status").textContent()).toContain("已提交");
    expect(await page.getByRole("button", { name: "提交申请" }).count()).toBe(0);

    // The county, through the API: the check passed, approve, batch, the bank's return file.
    const bureau = await e.h.as.bureau("450332");
    const checked = await eventually(async () => {
      const c = await claimStatus(claimId, bureau);
      return c.status === "checked" ? c : undefined;
    });
    expect(checked).toMatchObject({ checkPassed: true, amountFen: 28_650 });
    const approved = await json(
      await e.h.api.post(
        `/api/v1/subsidy-claims/${claimId}/review`,
        { decision: "approve" },
        bureau,
      ),
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const batch = await json(await e.h.api.post("/api/v1/payment-batches", {}, bureau));
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    await bankPaysBatch(batch.body.id, bureau);
    const paid = await claimStatus(claimId, p.as);
    expect(paid.status).toBe("paid");

    // The labourer reloads: 已发放, the amount and the day it arrived.
    await page.reload();
    await poll(() => page.locator(".card .state").first().textContent()).toBe("已发放");
    const detail = (await page.locator("#claim-body").textContent()) ?? "";
    const d = new Date(new Date(paid.paidAt).getTime() + 8 * 3_600_000);
    expect(detail).toContain(`金额 286.50 元，${d.getUTCMonth() + 1}月${d.getUTCDate()}日到账`);
    expect(detail).not.toContain("BK"); // the bank's reference is not for the person
    expect(detail).toContain("补贴已打到您的账户");
    expect(await page.getByRole("button", { name: "上传这张车票" }).count()).toBe(0);
    expect(await page.locator("#tab-subsidy").getAttribute("aria-current")).toBe("page");
    await screenshot(page, "h5-subsidy-paid");
    await page.getByRole("button", { name: "返回" }).click();
    const listed = page.locator(`#subsidy-list article[data-claim="${claimId}"]`);
    await poll(() => listed.locator(".state").textContent()).toBe("已发放");
    expect(await listed.textContent()).toContain("金额 286.50 元");
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000); // a person, a worker pipeline and a bank file: room for a loaded machine

  it("申请交通补贴 on a job outside Guangxi not yet confirmed says why not, in words", async () => {
    const p = await hiredOutside(e.h, { confirm: false, person: { name: "黄桂兰" } });
    const { page, errors } = await e.phone();
    await signInH5(page, sent, p.labourer.input.phone);
    await page.getByRole("button", { name: /我的补贴/ }).click();
    const start = page.locator(`#subsidy-start article[data-employment="${p.employmentId}"]`);
    await start.getByRole("button", { name: "申请交通补贴" }).click();
    await poll(() => start.locator(".error").textContent()).toContain("就业还没有核实确认");
    const list = await json(await e.h.api.get("/api/v1/subsidy-claims", p.as));
    expect(list.body.items).toEqual([]);
    expect(await latinOnScreen(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
