import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employments } from "../../../db/schema/placement";
import { createHarness, type Harness, json } from "../../support/harness";
import { checkInsOf, employedPerson, sweepAt } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const recordOf = async (id: string) =>
  (await h.deps.db.select().from(employments).where(eq(employments.id, id)))[0]!;

const answer = (p: { employmentId: string }, checkInId: string, body: object, as: never) =>
  h.api.post(`/api/v1/employments/${p.employmentId}/check-ins/${checkInId}/answer`, body, as);

describe("在 is kept on the employment record (still_working_at)", () => {
  it("the labourer's 在 stamps the record; staff answering 在 on their behalf moves it on; the view shows it", async () => {
    const p = await employedPerson(h);
    expect((await recordOf(p.employmentId)).stillWorkingAt).toBeNull();

    await sweepAt(h, 7);
    const [day7] = await checkInsOf(h, p.employmentId);
    const t0 = Date.now();
    const res = await json(await answer(p, day7!.id, { answer: "still_working" }, p.as as never));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const first = (await recordOf(p.employmentId)).stillWorkingAt;
    expect(first).toBeInstanceOf(Date);
    expect(first!.getTime()).toBeGreaterThanOrEqual(t0 - 1000);

    await sweepAt(h, 30);
    const day30 = (await checkInsOf(h, p.employmentId)).find((c) => c.dayOffset === 30)!;
    const staff = await h.as.bureau("450332");
    const byStaff = await json(
      await answer(p, day30.id, { answer: "still_working", note: "入户核实" }, staff as never),
    );
    expect(byStaff.status, JSON.stringify(byStaff.body)).toBe(200);
    const second = (await recordOf(p.employmentId)).stillWorkingAt!;
    expect(second.getTime()).toBeGreaterThanOrEqual(first!.getTime());

    const view = await json(await h.api.get(`/api/v1/employments/${p.employmentId}`, staff));
    expect(view.body.stillWorkingAt).toBe(second.toISOString());
  });

  it("不在了 does not stamp it: the record ends instead", async () => {
    const p = await employedPerson(h);
    await sweepAt(h, 7);
    const [day7] = await checkInsOf(h, p.employmentId);
    const res = await json(
      await answer(p, day7!.id, { answer: "left", reason: "quit" }, p.as as never),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rec = await recordOf(p.employmentId);
    expect(rec.stillWorkingAt).toBeNull();
    expect(rec.endReason).toBe("quit");
  });
});
