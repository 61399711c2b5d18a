import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { households, labourers } from "../../../db/schema/labourers";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeHousehold, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const patch = (id: string, body: unknown, as?: AuthAs) =>
  h.api.patch(`/api/v1/households/${id}`, body, as);

describe("PATCH /api/v1/households/{id}", () => {
  it("edits the head's name and the resettlement site, clearing with null, and answers the household view", async () => {
    const hh = await makeHousehold(h, {
      resettlementSiteName: "恭城镇茶江安置区",
      resettlementSiteCode: "GC-AZ-01",
    });
    const bureau = await h.as.bureau("450332");
    const res = await json(
      await patch(hh.id, { headName: " 莫振国 ", resettlementSiteCode: null }, bureau),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: hh.id,
      householdNo: hh.householdNo,
      villageCode: hh.villageCode,
      headName: "莫振国",
      resettlementSite: { name: "恭城镇茶江安置区", code: null },
      memberCount: 0,
    });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(hh.updatedAt).getTime(),
    );
    const cleared = await json(await patch(hh.id, { resettlementSiteName: null }, bureau));
    expect(cleared.body.resettlementSite).toBeNull();
    const [row] = await h.deps.db.select().from(households).where(eq(households.id, hh.id));
    expect(row).toMatchObject({
      headName: "莫振国",
      resettlementSiteName: null,
      resettlementSiteCode: null,
    });
  });

  it("re-derives 重点帮扶 from a new income and carries it to every member", async () => {
    const hh = await makeHousehold(h, { incomePerCapitaFen: 800_000 });
    const a = await makeLabourer(h, {
      householdId: hh.id,
      villageCode: undefined,
      relationToHead: "户主",
    });
    const b = await makeLabourer(h, {
      householdId: hh.id,
      villageCode: undefined,
      relationToHead: "之子",
    });
    const cadre = await h.as.cadre("450332102");
    const up = await json(await patch(hh.id, { incomePerCapitaFen: 1_250_000 }, cadre));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toMatchObject({
      incomePerCapitaFen: 1_250_000,
      keyAssistance: false,
      memberCount: 2,
    });
    const members = await h.deps.db
      .select()
      .from(labourers)
      .where(eq(labourers.householdId, hh.id));
    expect(members.map((m) => [m.id, m.keyAssistance]).sort()).toEqual(
      [
        [a.id, false],
        [b.id, false],
      ].sort(),
    );

    // Clearing the income keeps the flag; the flag alone may then be set.
    const flag = await json(
      await patch(hh.id, { incomePerCapitaFen: null, keyAssistance: true }, cadre),
    );
    expect(flag.status, JSON.stringify(flag.body)).toBe(200);
    expect(flag.body).toMatchObject({ incomePerCapitaFen: null, keyAssistance: true });
    const after = await h.deps.db.select().from(labourers).where(eq(labourers.householdId, hh.id));
    expect(after.every((m) => m.keyAssistance)).toBe(true);
  });

  it("refuses a flag that contradicts the income, given or stored (checkKeyAssistance)", async () => {
    const hh = await makeHousehold(h, { incomePerCapitaFen: 800_000 });
    const m = await makeLabourer(h, { householdId: hh.id, villageCode: undefined });
    const admin = await h.as.admin();
    for (const body of [
      { keyAssistance: false },
      { keyAssistance: true, incomePerCapitaFen: 1_500_000 },
    ]) {
      const res = await json(await patch(hh.id, body, admin));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({
        code: "VALIDATION_FAILED",
        field: "keyAssistance",
        details: { reason: "key_assistance_mismatch" },
      });
      expect(res.body.error.message).toMatch(/重点帮扶/);
    }
    const [row] = await h.deps.db.select().from(households).where(eq(households.id, hh.id));
    expect(row).toMatchObject({ keyAssistance: true, incomePerCapitaFen: 800_000 });
    const [member] = await h.deps.db.select().from(labourers).where(eq(labourers.id, m.id));
    expect(member!.keyAssistance).toBe(true);
  });

  it("answers each bad body with VALIDATION_FAILED, the field and a Chinese message", async () => {
    const hh = await makeHousehold(h);
    const admin = await h.as.admin();
    const empty = await json(await patch(hh.id, {}, admin));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("VALIDATION_FAILED");
    expect(empty.body.error.message).toBe("请至少填写一项要修改的内容");
    const cases: [unknown, string][] = [
      [{ householdNo: "HH-NEW-1" }, "householdNo"],
      [{ headName: "莫" }, "headName"],
      [{ villageCode: "4503" }, "villageCode"],
      [{ villageCode: "450332999999" }, "villageCode"],
      [{ incomePerCapitaFen: -1 }, "incomePerCapitaFen"],
    ];
    for (const [body, field] of cases) {
      const res = await json(await patch(hh.id, body, admin));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({
        code: "VALIDATION_FAILED",
        field,
      });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const renumber = await json(
      await patch(hh.id, { householdNo: "HH-NEW-1", headName: "莫振国" }, admin),
    );
    expect(renumber.body.error.message).toContain("户编号");
    const unknown = await json(await patch(hh.id, { memberCount: 3 }, admin));
    expect(unknown.status).toBe(400);
    const [row] = await h.deps.db.select().from(households).where(eq(households.id, hh.id));
    expect(row).toMatchObject({
      householdNo: hh.householdNo,
      headName: hh.headName,
      villageCode: hh.villageCode,
    });
  });

  it("moves a household without members to another village, but not one with members", async () => {
    const admin = await h.as.admin();
    const empty = await makeHousehold(h);
    const moved = await json(await patch(empty.id, { villageCode: VILLAGES.gongcheng2 }, admin));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.villageCode).toBe(VILLAGES.gongcheng2);

    const full = await makeHousehold(h);
    const m = await makeLabourer(h, { householdId: full.id, villageCode: undefined });
    const refused = await json(
      await patch(full.id, { villageCode: VILLAGES.gongcheng2, headName: "莫振国" }, admin),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "villageCode",
      details: { reason: "household_has_members" },
    });
    expect(refused.body.error.message).toContain("成员");
    const [row] = await h.deps.db.select().from(households).where(eq(households.id, full.id));
    expect(row).toMatchObject({ villageCode: VILLAGES.gongcheng, headName: full.headName });
    const [member] = await h.deps.db.select().from(labourers).where(eq(labourers.id, m.id));
    expect(member!.villageCode).toBe(VILLAGES.gongcheng);
    // Naming the village it already is in is no move.
    const same = await json(
      await patch(full.id, { villageCode: VILLAGES.gongcheng, headName: "莫振国" }, admin),
    );
    expect(same.status, JSON.stringify(same.body)).toBe(200);
  });

  it("scopes edits like reads: another county's household is not found, a village outside the region forbidden", async () => {
    const there = await makeHousehold(h, { villageCode: VILLAGES.rongshui });
    const here = await makeHousehold(h);
    const bureau = await h.as.bureau("450332");
    const out = await json(await patch(there.id, { headName: "贾老三" }, bureau));
    expect(out.status).toBe(404);
    expect(out.body.error.code).toBe("HOUSEHOLD_NOT_FOUND");
    const missing = await json(
      await patch("0b9f5a3e-4c1d-4f7a-9a52-2b1f3c4d5e6f", { headName: "贾老三" }, bureau),
    );
    expect(missing.body.error.code).toBe("HOUSEHOLD_NOT_FOUND");
    // A township cadre: the other township of the same county is outside their region too.
    const cadre = await h.as.cadre("450332102");
    const otherTownship = await makeHousehold(h, { villageCode: VILLAGES.gongcheng2 });
    expect((await patch(otherTownship.id, { headName: "贾老三" }, cadre)).status).toBe(404);
    const away = await json(await patch(here.id, { villageCode: VILLAGES.rongshui }, bureau));
    expect(away.status).toBe(403);
    expect(away.body.error).toMatchObject({ code: "FORBIDDEN", field: "villageCode" });

    const l = await makeLabourer(h);
    expect((await patch(here.id, { headName: "贾老三" }, await asLabourer(h, l.id))).status).toBe(
      403,
    );
    expect((await patch(here.id, { headName: "贾老三" }, await h.as.user("employer"))).status).toBe(
      403,
    );
    expect((await patch(here.id, { headName: "贾老三" })).status).toBe(401);
    const [row] = await h.deps.db.select().from(households).where(eq(households.id, there.id));
    expect(row!.headName).toBe(there.headName);
  });

  it("is in the OpenAPI document", async () => {
    const { body } = await json(await h.api.get("/openapi.json"));
    const op = body.paths["/api/v1/households/{id}"].patch;
    expect(op.responses["404"].description).toContain("HOUSEHOLD_NOT_FOUND");
    expect(Object.keys(body.components.schemas.UpdateHouseholdBody.properties)).toEqual(
      expect.arrayContaining([
        "headName",
        "keyAssistance",
        "incomePerCapitaFen",
        "resettlementSiteName",
        "villageCode",
      ]),
    );
  });
});
