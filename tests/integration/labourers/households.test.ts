import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { createHarness, type Harness, json } from "../../support/harness";
import { makeHousehold, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("households", () => {
  it("registers a household, deriving key assistance from the income, and refuses a second with the same number", async () => {
    const hh = await makeHousehold(h, {
      householdNo: " hh-0001-ａ ",
      incomePerCapitaFen: 950_000,
      resettlementSiteName: "恭城镇茶江安置区",
    });
    expect(hh).toMatchObject({
      householdNo: "HH-0001-A",
      keyAssistance: true,
      resettlementSite: { name: "恭城镇茶江安置区", code: null },
      memberCount: 0,
      zeroEmployment: false,
    });
    const dup = await json(
      await h.api.post(
        "/api/v1/households",
        { householdNo: "HH-0001-A", villageCode: VILLAGES.gongcheng, headName: "莫振华" },
        await h.as.bureau("450332"),
      ),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      code: "HOUSEHOLD_DUPLICATE",
      field: "householdNo",
      details: { existingId: hh.id },
    });
  });

  it("refuses a key-assistance flag that contradicts the income", async () => {
    const res = await json(
      await h.api.post(
        "/api/v1/households",
        {
          householdNo: "HH-KA-1",
          villageCode: VILLAGES.gongcheng,
          headName: "莫振华",
          incomePerCapitaFen: 1_200_000,
          keyAssistance: true,
        },
        await h.as.admin(),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "keyAssistance" });
  });

  it("flags a zero-employment household until one able member has a job", async () => {
    const hh = await makeHousehold(h, { incomePerCapitaFen: 700_000 });
    const admin = await h.as.admin();
    const head = await makeLabourer(h, {
      householdId: hh.id,
      villageCode: undefined,
      relationToHead: "户主",
      labourCapacity: "half",
    });
    const child = await makeLabourer(h, {
      householdId: hh.id,
      villageCode: undefined,
      relationToHead: "之子",
      labourCapacity: "full",
    });
    await makeLabourer(h, {
      householdId: hh.id,
      villageCode: undefined,
      relationToHead: "配偶",
      labourCapacity: "none",
    });
    const before = await json(await h.api.get(`/api/v1/households/${hh.id}`, admin));
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({
      memberCount: 3,
      ableCount: 2,
      employedCount: 0,
      zeroEmployment: true,
      headLabourerId: head.id,
    });
    expect(before.body.members.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining([head.id, child.id]),
    );
    expect(
      before.body.members.every(
        (m: { keyAssistance: boolean; villageCode: string }) =>
          m.keyAssistance && m.villageCode === hh.villageCode,
      ),
    ).toBe(true);

    const zeroList = async () =>
      (
        await json(
          await h.api.get(
            `/api/v1/households?zeroEmployment=true&region=${hh.villageCode}&limit=100`,
            admin,
          ),
        )
      ).body.items.map((x: { id: string }) => x.id);
    expect(await zeroList()).toContain(hh.id);

    await h.api.patch(
      `/api/v1/labourers/${child.id}`,
      { employmentStatus: "public_welfare" },
      admin,
    );
    const after = await json(await h.api.get(`/api/v1/households/${hh.id}`, admin));
    expect(after.body).toMatchObject({ employedCount: 1, zeroEmployment: false });
    expect(await zeroList()).not.toContain(hh.id);
  });

  it("does not call a household with nobody able to work zero-employment", async () => {
    const hh = await makeHousehold(h);
    await makeLabourer(h, { householdId: hh.id, villageCode: undefined, labourCapacity: "none" });
    const res = await json(await h.api.get(`/api/v1/households/${hh.id}`, await h.as.admin()));
    expect(res.body).toMatchObject({ memberCount: 1, ableCount: 0, zeroEmployment: false });
  });

  it("scopes households like labourers", async () => {
    const there = await makeHousehold(h, { villageCode: VILLAGES.rongshui });
    const bureau = await h.as.bureau("450332");
    const get = await json(await h.api.get(`/api/v1/households/${there.id}`, bureau));
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe("HOUSEHOLD_NOT_FOUND");
    const list = await json(await h.api.get("/api/v1/households?limit=100", bureau));
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(there.id);
    const create = await json(
      await h.api.post(
        "/api/v1/households",
        { householdNo: "HH-RS-9", villageCode: VILLAGES.rongshui, headName: "贾老三" },
        bureau,
      ),
    );
    expect(create.status).toBe(403);
    const link = await json(
      await h.api.post(
        "/api/v1/labourers",
        {
          name: "贾小妹",
          idNumber: "450332199003150015",
          personType: "tuopin",
          labourCapacity: "full",
          householdId: there.id,
        },
        bureau,
      ),
    );
    expect(link.status).toBe(404);
    expect(link.body.error).toMatchObject({ code: "HOUSEHOLD_NOT_FOUND", field: "householdId" });
    expect(
      (await h.api.get(`/api/v1/households/${there.id}`, await h.as.user("employer"))).status,
    ).toBe(403);
    expect(await h.deps.db.$count(labourers, eq(labourers.householdId, there.id))).toBe(0);
  });
});
