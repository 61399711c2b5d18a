import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, json } from "../support/harness";
import { type E2e, layoutProblems, poll, screenshot, startE2e } from "./browser";
import { openJobs, recordingOtp, signInH5, trainedLabourer } from "./fixtures";

/** 我要报名 and 不合适 can be taken back for a few seconds; 不合适 asks first (issue 16). */
const { sent, otpSender } = recordingOtp();

let e: E2e;
beforeAll(async () => {
  e = await startE2e({ overrides: { otpSender } });
});
afterAll(async () => {
  await e?.close();
});

const feedbackOf = async (labourerId: string) => {
  const res = await json(
    await e.h.api.get(
      `/api/v1/labourers/${labourerId}/recommendations`,
      await e.h.as.bureau("450332"),
    ),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return new Map(
    (res.body.rounds[0].items as { id: string; feedback: string }[]).map((i) => [i.id, i.feedback]),
  );
};

describe("undo on the H5 recommendations", () => {
  it("不合适 says what it does and 撤销 sends nothing; 我要报名 left alone is recorded when the window closes", async () => {
    await openJobs(e.h);
    const { labourer } = await trainedLabourer(e.h);
    const { page, errors } = await e.phone();
    const answers: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/feedback") && r.method() === "POST") answers.push(r.postData() ?? "");
    });
    await signInH5(page, sent, labourer.input.phone);
    const cards = page.locator("#recs-list article.card");
    await cards.nth(1).waitFor();

    const first = cards.nth(0);
    const firstId = (await first.getAttribute("data-recommendation"))!;
    await first.getByRole("button", { name: "不合适" }).click();
    await poll(() => first.locator(".confirm").textContent()).toBe(
      "标记为不合适后，这个岗位不会再推荐给您。确定吗？",
    );
    await screenshot(page, "h5-decline-confirm");
    await first.getByRole("button", { name: "确定" }).click();
    await first.getByRole("button", { name: "太远" }).click();
    await poll(() => first.textContent()).toContain("已记下：太远");
    const toast = page.locator("#toast");
    await poll(() => toast.textContent()).toContain("已标记为不合适");
    expect(await layoutProblems(page, 18, 48)).toEqual([]);
    await screenshot(page, "h5-undo-toast");
    await toast.getByRole("button", { name: "撤销" }).click();
    await poll(() => toast.isHidden()).toBe(true);
    await first.getByRole("button", { name: "我要报名" }).waitFor();

    const second = cards.nth(1);
    const secondId = (await second.getAttribute("data-recommendation"))!;
    await second.getByRole("button", { name: "我要报名" }).click();
    await poll(() => second.textContent()).toContain("已报名");
    // Nobody taps 撤销: once the window closes the answer is sent and stored.
    await eventually(
      async () => (await feedbackOf(labourer.id)).get(secondId) === "applied",
      15_000,
    );
    await poll(() => toast.isHidden()).toBe(true);

    // The taken-back 不合适 never left the phone (its window would have closed before this one).
    expect((await feedbackOf(labourer.id)).get(firstId)).not.toBe("declined");
    expect(answers.filter((a) => a.includes("declined"))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
