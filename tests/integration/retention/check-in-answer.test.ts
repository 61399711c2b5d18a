import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { employments } from "../../../db/schema/placement";
import { createHarness, type Harness, json } from "../../support/harness";
import { openPosting, person, today } from "../applications/factory";
import { checkInsOf, employedPerson, sweepAt } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A person with a pending day-7 check-in. */
async function asked(o: Parameters<typeof employedPerson>[1] = {}) {
  const p = await employedPerson(h, o);
  await sweepAt(h, 7);
  const [c] = await checkInsOf(h, p.employmentId);
  return { ...p, checkIn: c!, url: `/api/v1/employments/${p.employmentId}/check-ins/${c!.id}` };
}

describe("answering a check-in", () => {
  it("在: the labourer sees the question, answers in one tap, and the job runs on", async () => {
    const p = await asked();
    const mine = await json(await h.api.get("/api/v1/check-ins/mine?status=pending", p.as));
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: p.checkIn.id,
      question: "还在这里工作吗？",
      employerName: "深圳市宝安区某电子厂",
      dayOffset: 7,
      status: "pending",
      statusLabel: "待回答",
    });
    const res = await json(await h.api.post(`${p.url}/answer`, { answer: "still_working" }, p.as));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: "answered",
      answer: "still_working",
      answerLabel: "在",
      answeredRole: "labourer",
    });
    const [e] = await h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.id, p.employmentId));
    expect(e!.endDate).toBeNull();
    const again = await json(
      await h.api.post(`${p.url}/answer`, { answer: "left", reason: "quit" }, p.as),
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "CHECK_IN_ALREADY_ANSWERED" });
    expect(again.body.error.message).toContain("已经回答过了");
  });

  it("不在了: ends the record with the date and reason, and the person is unemployed at once", async () => {
    const p = await asked();
    const res = await json(
      await h.api.post(
        `${p.url}/answer`,
        { answer: "left", reason: "family", note: "回家照顾老人" },
        p.as,
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      answer: "left",
      answerLabel: "不在了",
      reason: "family",
      reasonLabel: "家庭原因",
      endDate: today(),
    });
    const [e] = await h.deps.db
      .select()
      .from(employments)
      .where(eq(employments.id, p.employmentId));
    expect(e).toMatchObject({ endDate: today(), endReason: "family", endNote: "回家照顾老人" });
    const [l] = await h.deps.db.select().from(labourers).where(eq(labourers.id, p.labourer.id));
    expect(l).toMatchObject({ employmentStatus: "unemployed", employmentSince: today() });
  });

  it("a cadre in scope may answer on the person's behalf", async () => {
    const cadre = await h.as.cadre("450332");
    const p = await asked({ consent: false, cadre });
    const res = await json(await h.api.post(`${p.url}/answer`, { answer: "still_working" }, cadre));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ answeredRole: "cadre", recipient: "cadre" });
  });

  it("refuses bad input with a code, a Chinese message and the field", async () => {
    const p = await asked();
    const cases: [Record<string, unknown>, string][] = [
      [{ answer: "maybe" }, "answer"],
      [{ answer: "left" }, "reason"],
      [{ answer: "left", reason: "other" }, "note"],
      [{ answer: "left", reason: "nope" }, "reason"],
      [{ answer: "left", reason: "quit", endDate: "2001-01-01" }, "endDate"],
      [{ answer: "left", reason: "quit", endDate: "2999-01-01" }, "endDate"],
      [{ answer: "left", reason: "quit", endDate: "12/01/2026" }, "endDate"],
      [{ answer: "still_working", note: "长".repeat(201) }, "note"],
    ];
    for (const [body, field] of cases) {
      const res = await json(await h.api.post(`${p.url}/answer`, body, p.as));
      expect(res.status, JSON.stringify([body, res.body])).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({
        code: "VALIDATION_FAILED",
        field,
      });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Nothing was stored by the refused answers.
    expect((await checkInsOf(h, p.employmentId))[0]).toMatchObject({ status: "pending" });
  });

  it("nobody else may see or answer it: other labourers and other counties get 404, employers 403", async () => {
    const p = await asked();
    const stranger = await person(h);
    const otherCounty = await h.as.cadre("450225");
    const employer = (await openPosting(h)).as;
    for (const as of [stranger.as, otherCounty]) {
      const get = await json(await h.api.get(p.url, as));
      expect(get.status, JSON.stringify(get.body)).toBe(404);
      expect(get.body.error.code).toBe("CHECK_IN_NOT_FOUND");
      const post = await json(await h.api.post(`${p.url}/answer`, { answer: "still_working" }, as));
      expect(post.status).toBe(404);
      const list = await json(
        await h.api.get(`/api/v1/employments/${p.employmentId}/check-ins`, as),
      );
      expect(list.status).toBe(404);
    }
    const byEmployer = await json(
      await h.api.post(`${p.url}/answer`, { answer: "still_working" }, employer),
    );
    expect(byEmployer.status).toBe(403);
    expect((await h.api.get(p.url)).status).toBe(401);
    // A check-in id under another record is not found either.
    const q = await asked();
    const crossed = await json(
      await h.api.get(`/api/v1/employments/${q.employmentId}/check-ins/${p.checkIn.id}`, q.as),
    );
    expect(crossed.status).toBe(404);
    expect((await json(await h.api.get(p.url, p.as))).status).toBe(200);
  });

  it("a check-in of a job that has ended is closed: 409", async () => {
    const p = await asked();
    const bureau = await h.as.bureau("450332");
    const ended = await json(
      await h.api.post(
        `/api/v1/employments/${p.employmentId}/end`,
        { endDate: today(), reason: "quit" },
        bureau,
      ),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const res = await json(await h.api.post(`${p.url}/answer`, { answer: "still_working" }, p.as));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("CHECK_IN_CLOSED");
  });
});
