import type { Page } from "playwright-core";
import { expect } from "vitest";
import { systemCtx } from "../../src/lib/ctx";
import type { OtpSender } from "../../src/modules/auth/otp-sender";
import { runRecommendationRound } from "../../src/modules/recommendations/round";
import { syncJobsToIndex } from "../../src/search/jobs-sync";
import { asEmployer, jobBody, makeEmployer, makeJob } from "../integration/jobs/factory";
import { makeCourse, makeEnrolment, makeLabourer, VILLAGES } from "../integration/training/factory";
import { eventually, type Harness, json } from "../support/harness";

/** A recording fake of the SMS gateway: the codes "sent", by phone. */
export function recordingOtp() {
  const sent: { phone: string; code: string }[] = [];
  const otpSender: OtpSender = {
    send: async (phone, code) => {
      sent.push({ phone, code });
    },
  };
  return { sent, otpSender };
}

/** Four open 育婴员 postings in 恭城, in the search index before anyone is matched. */
export async function openJobs(h: Harness) {
  const employer = await makeEmployer(h, { type: "workshop", regionCode: "450332" });
  const as = await asEmployer(h, employer.id);
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) {
    const job = await makeJob(
      h,
      as,
      jobBody(i % 2 ? "workshop" : "odd_job", {
        occupation: "育婴员",
        title: `育婴员 ${i + 1}`,
        regionCode: "450332",
        wageUnit: "day",
        wageMinFen: 15_000,
        wageMaxFen: 20_000,
      }),
    );
    ids.push(job.id);
  }
  await syncJobsToIndex(h.deps, ids);
  return ids;
}

/** A labourer who passed 八桂家政 training, and their first recommendation round (≥ 3 postings unless told otherwise). */
export async function trainedLabourer(h: Harness, o: Record<string, unknown> = {}) {
  const labourer = await makeLabourer(h, {
    name: "莫秀英",
    villageCode: VILLAGES.gongcheng,
    workIntention: "local",
    contactConsent: true,
    skills: [],
    ...o,
  });
  const course = await makeCourse(h, {
    brandCode: "bagui-jiazheng",
    occupation: "育婴员",
    countyCode: "450332",
  });
  const enrolment = await makeEnrolment(h, course.id, labourer.id);
  const passed = await json(
    await h.api.post(
      `/api/v1/training/enrolments/${enrolment.id}/pass`,
      {
        certificateNo: `S${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
        resultDate: "2026-11-20",
      },
      await h.as.bureau("450332"),
    ),
  );
  expect(passed.status, JSON.stringify(passed.body)).toBe(200);
  const round = await runRecommendationRound(systemCtx(h.deps), {
    enrolmentId: enrolment.id,
    round: 1,
  });
  return { labourer, round };
}

/** Asks for a code on the page and returns the one the fake gateway "sent" to this phone. */
export async function requestCode(
  page: Page,
  sent: { phone: string; code: string }[],
  phone: string,
): Promise<string> {
  await page.getByRole("textbox", { name: "手机号" }).fill(phone);
  const before = sent.length;
  await page.getByRole("button", { name: "获取验证码" }).click();
  return eventually(async () => sent.slice(before).find((s) => s.phone === phone)?.code, 5_000);
}

/** Signs in on the H5 page as a person does: phone, the SMS, the code; waits for the tabs. */
export async function signInH5(page: Page, sent: { phone: string; code: string }[], phone: string) {
  await page.goto("/h5/");
  const code = await requestCode(page, sent, phone);
  await page.getByRole("textbox", { name: "验证码" }).fill(code);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator("#tabs").waitFor();
}

/** Signs in on a portal with user name and password. */
export async function signInPortal(
  page: Page,
  path: string,
  account: { username: string; password: string },
) {
  await page.goto(path);
  await page.getByLabel("用户名").fill(account.username);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** Latin words on screen (document.body.innerText), less the units people know. */
export async function latinOnScreen(
  page: Page,
  allowed: string[] = ["km", "KB"],
): Promise<string[]> {
  const text = (await page.evaluate("document.body.innerText")) as string;
  // An ID number's check character X (masked or not: 450332********123X) is not a word.
  const withoutIds = text.replace(/\d[\d*]{16}[Xx]/g, "");
  return (withoutIds.match(/[A-Za-z]+/g) ?? []).filter((w) => !allowed.includes(w));
}
