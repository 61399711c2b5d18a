import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  hiredOutside,
  proposedClaim,
  submitAndCheck,
  subsidyPipeline,
  uploadTicket,
} from "../integration/subsidies/factory";
import { eventually, json } from "../support/harness";
import {
  DESKTOP,
  type E2e,
  layoutProblems,
  MIN_TARGET_PX,
  MIN_TEXT_PX,
  passwordUser,
  poll,
  startE2e,
} from "./browser";
import { signInPortal } from "./fixtures";
import { pngPhoto } from "./photo";

/**
 * Issue 14, deliverable 2's other half: the cadre uploads the labourer's ticket on the bureau
 * portal (代为上传车票) and submits for them (代为提交申请); the worker checks it. A county officer
 * of another county gets the API's 404 message; an approved claim has no upload section.
 */
/** A real PNG; over 64 KB where a page uploads it, as a phone photo is (photo.ts). */
const PNG = pngPhoto(96 * 1024);
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);

let e: E2e;
let pipeline: { stop(): Promise<void> };
beforeAll(async () => {
  e = await startE2e();
  pipeline = await subsidyPipeline(e.h);
});
afterAll(async () => {
  await pipeline?.stop();
  await e?.close();
});

describe("bureau portal: the cadre uploads tickets and submits for the labourer", () => {
  it("代为上传车票 (186.50 元 → 18650 分), a bad fare and a future date refused under their fields, 删除, 代为提交申请 → checked", async () => {
    const p = await hiredOutside(e.h, { person: { name: "黄秀英" } });
    const claim = await proposedClaim(e.h, p.as);
    expect(claim.status).toBe("proposed");
    const cadre = await passwordUser(e.h, "cadre", {
      regionCode: "450332",
      displayName: "莲花镇帮扶干部",
    });
    const { page, errors } = await e.phone(DESKTOP);
    page.on("dialog", (d) => void d.accept());
    await signInPortal(page, "/portal/bureau/", cadre);
    await page.locator("#tab-alerts").waitFor();
    await page.goto(`/portal/bureau/#/subsidy/claims/${claim.id}`);
    await poll(() => page.locator("#sc-facts").textContent()).toContain("可以申领");
    const section = page.locator("#sc-upload");
    await section.getByRole("heading", { name: "代为上传车票" }).waitFor();
    expect(await page.getByRole("button", { name: "代为提交申请" }).isDisabled()).toBe(true);

    // A fare that is not money: refused on the page, under 票价.
    await page.getByLabel(/车票照片/).setInputFiles({
      name: "ticket.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await page.getByLabel("车票号").fill("g1865001");
    await page.getByLabel("票价（元）").fill("18a.5");
    await page.getByLabel("乘车日期").fill(today());
    await page.getByLabel("去程还是返程").selectOption({ label: "去程" });
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#su-amount-error").textContent()).toContain("请填写正确的票价");
    expect(await page.getByLabel("票价（元）").getAttribute("aria-invalid")).toBe("true");

    // A day after today: the API refuses it, and its words show under 乘车日期.
    await page.getByLabel("票价（元）").fill("186.50");
    await page.getByLabel("乘车日期").fill(tomorrow());
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#su-date-error").textContent()).toBe(
      "乘车日期不能晚于今天，请核对车票上的日期",
    );
    expect(await page.locator("#su-amount-error").isVisible()).toBe(false);

    await page.getByLabel("乘车日期").fill(today());
    await page.getByRole("button", { name: "上传这张车票" }).click();
    await poll(() => page.locator("#sc-status").textContent()).toContain("已上传票号 G1865001");
    expect(await page.locator("#sc-proofs").textContent()).toContain(
      "票号 G1865001 · 票价 186.50 元",
    );
    expect(await page.locator("#sc-proofs .ticket-travel").textContent()).toBe(
      `去程 · 乘车日期 ${today()}`,
    );
    let api = await json(await e.h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.as));
    expect(api.body.proofs).toHaveLength(1);
    expect(api.body.proofs[0]).toMatchObject({
      ticketNo: "G1865001",
      amountFen: 18_650,
      travelDate: today(),
      leg: "outbound",
      uploadedRole: "cadre",
    });

    // A wrong second ticket goes up and is taken off again with 删除.
    await page.getByLabel(/车票照片/).setInputFiles({
      name: "ticket.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await page.getByLabel("车票号").fill("X0000001");
    await page.getByLabel("票价（元）").fill("10");
    await page.getByLabel("乘车日期").fill(today());
    await page.getByLabel("去程还是返程").selectOption({ label: "返程" });
    await page.getByRole("button", { name: "上传这张车票" }).click();
    const wrong = page.locator("#sc-proofs li", { hasText: "X0000001" });
    await wrong.waitFor();
    await wrong.getByRole("button", { name: "删除这张车票" }).click();
    await poll(() => page.locator("#sc-status").textContent()).toContain("已删除票号 X0000001");
    expect(await page.locator("#sc-proofs li").count()).toBe(1);

    // The new controls are portal-sized (and the check does see them: they are on the page).
    expect(await page.locator("#su-upload").isVisible()).toBe(true);
    expect(
      (await layoutProblems(page, MIN_TEXT_PX, MIN_TARGET_PX)).filter((x) => x.includes("su-")),
    ).toEqual([]);

    // 代为提交申请 with the bank card; the page then reads 已提交 and the worker checks it.
    await page.getByLabel("收款账户类型").selectOption({ label: "银行卡" });
    await page.getByRole("button", { name: "代为提交申请" }).click();
    await poll(() => page.locator("#su-payee-number-error").textContent()).toContain("收款");
    await page.getByLabel("收款卡号").fill("6222 0212 3456 7890 123");
    await page.getByRole("button", { name: "代为提交申请" }).click();
    await poll(() => page.locator("#sc-status").textContent()).toContain("已代为提交");
    expect(await page.locator("#sc-facts").textContent()).toContain("已提交");
    expect(await section.textContent()).toBe("");
    const checked = await eventually(async () => {
      const c = await json(await e.h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.as));
      return c.body.status === "checked" ? c.body : undefined;
    });
    expect(checked).toMatchObject({ checkPassed: true, amountFen: 18_650 });
    expect(checked.payee).toMatchObject({ accountType: "bank_card" });
    await page.reload();
    await poll(() => page.locator("#sc-facts").textContent()).toContain("待审核");
    api = await json(await e.h.api.get(`/api/v1/subsidy-claims/${claim.id}`, p.as));
    expect(api.body.events.find((x: { to: string }) => x.to === "submitted")).toMatchObject({
      actorRole: "cadre",
    });
    expect(errors).toEqual([]);
  }, 150_000);

  it("another county's officer gets 未找到; an approved claim has no upload section", async () => {
    const p = await hiredOutside(e.h, { person: { name: "蒙丽华" } });
    const claim = await proposedClaim(e.h, p.as);
    expect((await uploadTicket(e.h, p.as, claim.id, "D5550001", 20_000, PNG)).status).toBe(201);
    await submitAndCheck(e.h, p.as, claim.id);
    const ok = await json(
      await e.h.api.post(
        `/api/v1/subsidy-claims/${claim.id}/review`,
        { decision: "approve" },
        p.bureau,
      ),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const desk = await e.phone(DESKTOP);
    await signInPortal(
      desk.page,
      "/portal/bureau/",
      await passwordUser(e.h, "bureau", { regionCode: "450225" }),
    );
    await desk.page.locator("#tab-alerts").waitFor();
    await desk.page.goto(`/portal/bureau/#/subsidy/claims/${claim.id}`);
    await poll(() => desk.page.locator("#app-error").textContent()).toBe("未找到该补贴申领");
    expect(await desk.page.locator("#sc-upload").textContent()).toBe("");

    const own = await e.phone(DESKTOP);
    await signInPortal(
      own.page,
      "/portal/bureau/",
      await passwordUser(e.h, "cadre", { regionCode: "450332" }),
    );
    await own.page.locator("#tab-alerts").waitFor();
    await own.page.goto(`/portal/bureau/#/subsidy/claims/${claim.id}`);
    await poll(() => own.page.locator("#sc-facts").textContent()).toContain("审核通过");
    expect(await own.page.locator("#sc-upload").textContent()).toBe("");
    expect(await own.page.getByRole("button", { name: "上传这张车票" }).count()).toBe(0);
    expect(await own.page.getByRole("button", { name: "删除这张车票" }).count()).toBe(0);
    expect(desk.errors).toEqual([]);
    expect(own.errors).toEqual([]);
  }, 150_000);
});
