import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { createHarness, type Harness, json } from "../../support/harness";
import { person, today } from "../applications/factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const statusOf = async (id: string) =>
  (await h.deps.db.select().from(labourers).where(eq(labourers.id, id)))[0]!;

describe("a job found outside the system", () => {
  it("counts only once staff confirm it; ending it makes the person unemployed again", async () => {
    const p = await person(h);
    const cadre = await h.as.cadre("450332");
    const recorded = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "恭城县某果园",
          regionCode: "450332",
          startDate: today(),
          wageFen: 15_000,
          wageUnit: "day",
        },
        cadre,
      ),
    );
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({
      confirmed: false,
      outsideGuangxi: false,
      source: "self_found",
    });
    expect((await statusOf(p.labourer.id)).employmentStatus).toBe("unemployed");

    const noNote = await json(
      await h.api.post(`/api/v1/employments/${recorded.body.id}/confirm`, {}, cadre),
    );
    expect(noNote.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "note" });
    const bureau = await h.as.bureau("450332");
    const confirmed = await json(
      await h.api.post(
        `/api/v1/employments/${recorded.body.id}/confirm`,
        { note: "已电话核实果园负责人" },
        bureau,
      ),
    );
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({
      confirmed: true,
      confirmedRole: "bureau",
      confirmationNote: "已电话核实果园负责人",
    });
    expect(await statusOf(p.labourer.id)).toMatchObject({
      employmentStatus: "local",
      employmentSince: today(),
    });
    const again = await json(
      await h.api.post(
        `/api/v1/employments/${recorded.body.id}/confirm`,
        { note: "再次核实" },
        bureau,
      ),
    );
    expect(again.body.error.code).toBe("EMPLOYMENT_ALREADY_CONFIRMED");

    const ended = await json(
      await h.api.post(
        `/api/v1/employments/${recorded.body.id}/end`,
        { endDate: today(), reason: "contract_ended" },
        cadre,
      ),
    );
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect((await statusOf(p.labourer.id)).employmentStatus).toBe("unemployed");
    const twice = await json(
      await h.api.post(
        `/api/v1/employments/${recorded.body.id}/end`,
        { endDate: today(), reason: "quit" },
        cadre,
      ),
    );
    expect(twice.body.error.code).toBe("EMPLOYMENT_ALREADY_ENDED");
  });

  it("own business outside Guangxi is out_province once confirmed", async () => {
    const p = await person(h);
    const bureau = await h.as.bureau("450332");
    const rec = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "dispatch",
          employerName: "广州某劳务派遣公司",
          regionCode: "440106",
          startDate: today(),
        },
        bureau,
      ),
    );
    expect(rec.body.outsideGuangxi).toBe(true);
    await h.api.post(
      `/api/v1/employments/${rec.body.id}/confirm`,
      { note: "查看劳动合同照片" },
      bureau,
    );
    expect((await statusOf(p.labourer.id)).employmentStatus).toBe("out_province");
  });

  it("another county's staff neither record, see, confirm nor end it (404); employers cannot record", async () => {
    const p = await person(h);
    const other = await h.as.bureau("450225");
    const denied = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "某厂",
          regionCode: "450332",
          startDate: today(),
        },
        other,
      ),
    );
    expect(denied.status).toBe(404);
    const rec = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "某厂",
          regionCode: "450332",
          startDate: today(),
        },
        await h.as.cadre("450332"),
      ),
    );
    for (const res of [
      await json(await h.api.get(`/api/v1/employments/${rec.body.id}`, other)),
      await json(
        await h.api.post(`/api/v1/employments/${rec.body.id}/confirm`, { note: "核实" }, other),
      ),
      await json(
        await h.api.post(
          `/api/v1/employments/${rec.body.id}/end`,
          { endDate: today(), reason: "quit" },
          other,
        ),
      ),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("EMPLOYMENT_NOT_FOUND");
    }
    const list = await json(
      await h.api.get(`/api/v1/employments?labourerId=${p.labourer.id}`, other),
    );
    expect(list.body.items).toEqual([]);
    const own = await json(await h.api.get("/api/v1/employments", p.as));
    expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([rec.body.id]);
    const employer = await h.as.user("employer");
    const byEmployer = await json(
      await h.api.post(
        "/api/v1/employments",
        {
          labourerId: p.labourer.id,
          source: "self_found",
          employerName: "某厂",
          regionCode: "450332",
          startDate: today(),
        },
        employer,
      ),
    );
    expect(byEmployer.status).toBe(403);
  });
});
