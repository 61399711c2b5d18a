import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { createHarness, type Harness, json } from "../../support/harness";
import { idNumber, labourerBody, makeLabourer, VILLAGES } from "./factory";

const sent: { phone: string; code: string }[] = [];
const recordingSender: OtpSender = {
  async send(phone, code) {
    sent.push({ phone, code });
  },
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ overrides: { otpSender: recordingSender } });
});
afterAll(async () => {
  await h?.close();
});

const toFullWidth = (s: string) =>
  s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe("POST /api/v1/labourers: happy path", () => {
  it("registers a person, derives sex and birth date, stores the numbers encrypted and answers masked", async () => {
    const id = idNumber("450332", { year: 1990, month: 3, day: 15, sex: "female" });
    const body = labourerBody({
      idNumber: id,
      phone: "+86 139-0000-1234",
      skills: [" 电焊 ", "电焊", "普通话"],
      expectedWage: { amountFen: 450000, unit: "month" },
    });
    const res = await json(
      await h.api.post("/api/v1/labourers", body, await h.as.bureau("450332")),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      name: "莫秀英",
      sex: "female",
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
      phoneMasked: "139****1234",
      phoneSignIn: true,
      villageCode: VILLAGES.gongcheng,
      workIntention: "out_province",
      preferredCityCodes: ["4403"],
      skills: ["电焊", "普通话"],
      expectedWage: { amountFen: 450000, unit: "month" },
      employmentStatus: "unemployed",
      idNumberFlags: [],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(id);
    expect(text).not.toContain("13900001234");
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, res.body.id));
    expect(row!.birthDate).toBe("1990-03-15");
    // The birth date is the part the mask hides: no response may carry it beside the mask.
    expect(res.body).not.toHaveProperty("birthDate");
    expect(text).not.toContain("1990-03-15");
    expect(row!.idNumberEnc).not.toContain(id.slice(6, 14));
    expect(h.deps.pii.decrypt(row!.idNumberEnc)).toBe(id);
    expect(row!.idNumberHash).toBe(h.deps.pii.hash("id", id));
    expect(h.deps.pii.decrypt(row!.phoneEnc!)).toBe("13900001234");
  });

  it("creates a labourer account so the person can sign in with a one-time code", async () => {
    const phone = "13900005678";
    const created = await makeLabourer(h, { phone });
    const [account] = await h.deps.db.select().from(users).where(eq(users.labourerId, created.id));
    expect(account).toMatchObject({
      role: "labourer",
      phoneHash: h.deps.pii.hash("phone", phone),
      displayName: "莫秀英",
    });

    expect((await h.api.post("/api/v1/auth/otp", { phone: "139 0000 5678" })).status).toBe(202);
    const code = sent.filter((s) => s.phone === phone).at(-1)?.code;
    expect(code).toMatch(/^\d{6}$/);
    const login = await json(await h.api.post("/api/v1/auth/otp/verify", { phone, code }));
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body.user).toMatchObject({ role: "labourer", labourerId: created.id });
    const me = await json(
      await h.api.get("/api/v1/labourers/me", {
        headers: { authorization: `Bearer ${login.body.token}` },
        userId: "",
      }),
    );
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(created.id);
  });

  it("gives a shared family phone sign-in to the first member only", async () => {
    const phone = "13900007777";
    const first = await makeLabourer(h, { phone });
    const second = await makeLabourer(h, { phone, name: "莫振华" });
    expect(first.phoneSignIn).toBe(true);
    expect(second.phoneSignIn).toBe(false);
    expect(second.phoneMasked).toBe("139****7777");
    expect(
      await h.deps.db.$count(users, eq(users.phoneHash, h.deps.pii.hash("phone", phone))),
    ).toBe(1);
  });

  it("accepts an ID whose county code is abolished, flagged for review, and upgrades 15-digit numbers", async () => {
    const old = idNumber("452123"); // 452xxx: prefecture codes abolished in the 1990s–2000s, still on cards
    const flagged = await makeLabourer(h, { idNumber: old });
    expect(flagged.idNumberFlags).toEqual(["region_not_current"]);

    const eighteen = idNumber("450332", { year: 1980 });
    const fifteen = eighteen.slice(0, 6) + eighteen.slice(8, 17);
    const upgraded = await makeLabourer(h, { idNumber: fifteen });
    expect(upgraded.idNumberFlags).toEqual(["upgraded_from_15"]);
    expect(upgraded.idNumberMasked).toBe(`${eighteen.slice(0, 6)}********${eighteen.slice(-4)}`);

    const hunan = await makeLabourer(h, { idNumber: idNumber("430621") }); // born outside the reference data
    expect(hunan.idNumberFlags).toEqual([]);
  });

  it("lets a cadre register in their township and assigns the person to them", async () => {
    const cadre = await h.as.cadre("450332102");
    const res = await json(await h.api.post("/api/v1/labourers", labourerBody(), cadre));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.assignedCadreUserId).toBe(cadre.userId);
  });
});

describe("POST /api/v1/labourers: bad input", () => {
  const cases: [string, Record<string, unknown>, number, string, string, string?][] = [
    [
      "bad check character",
      { idNumber: "450332199003150016" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "checksum",
    ],
    [
      "30 February",
      { idNumber: "450332199002300018" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "birth_date",
    ],
    [
      "born in the future",
      { idNumber: "450332203001010018" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "birth_future",
    ],
    [
      "17 digits",
      { idNumber: "45033219900315001" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "length",
    ],
    [
      "letters",
      { idNumber: "45033219900315001A" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "characters",
    ],
    [
      "unknown province",
      { idNumber: "990332199003150010" },
      400,
      "ID_NUMBER_INVALID",
      "idNumber",
      "province",
    ],
    [
      "under 16",
      { idNumber: idNumber("450332", { year: 2015 }) },
      422,
      "LABOURER_AGE_OUT_OF_RANGE",
      "idNumber",
      "too_young",
    ],
    [
      "over 65",
      { idNumber: idNumber("450332", { year: 1950 }) },
      422,
      "LABOURER_AGE_OUT_OF_RANGE",
      "idNumber",
      "too_old",
    ],
    ["landline", { phone: "0773-2345678" }, 400, "VALIDATION_FAILED", "phone", "phone"],
    [
      "township instead of village",
      { villageCode: "450332102" },
      400,
      "VALIDATION_FAILED",
      "villageCode",
      "village_code",
    ],
    [
      "village that does not exist",
      { villageCode: "450332102999" },
      400,
      "VALIDATION_FAILED",
      "villageCode",
    ],
    [
      "Shanghai as a Guangdong city",
      { preferredCityCodes: ["3101"] },
      400,
      "VALIDATION_FAILED",
      "preferredCityCodes.0",
      "city_code",
    ],
    ["name with digits", { name: "莫秀英2" }, 400, "VALIDATION_FAILED", "name", "name"],
    ["unknown person type", { personType: "poor" }, 400, "VALIDATION_FAILED", "personType"],
    [
      "missing labour capacity",
      { labourCapacity: undefined },
      400,
      "VALIDATION_FAILED",
      "labourCapacity",
    ],
  ];
  it.each(cases)("%s → %i %s on %s", async (_label, overrides, status, code, field, reason) => {
    const body = JSON.parse(JSON.stringify(labourerBody(overrides)));
    const res = await json(await h.api.post("/api/v1/labourers", body, await h.as.admin()));
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatchObject({ code, field });
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    if (reason) expect(res.body.error.details.reason).toBe(reason);
  });

  it("stores nothing for a rejected registration", async () => {
    const id = idNumber("450332", { year: 2015 });
    await h.api.post("/api/v1/labourers", labourerBody({ idNumber: id }), await h.as.admin());
    expect(
      await h.deps.db.$count(labourers, eq(labourers.idNumberHash, h.deps.pii.hash("id", id))),
    ).toBe(0);
  });
});

describe("POST /api/v1/labourers: one person, one record", () => {
  it.each([
    ["the same digits", (id: string) => id],
    ["full-width digits", (id: string) => toFullWidth(id)],
    ["spaces inside", (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`],
    ["a lowercase x", (id: string) => id.replace("X", "x")],
    ["the 15-digit form", (id: string) => id.slice(0, 6) + id.slice(8, 17)],
  ])("refuses a second registration written with %s, naming the existing record", async (_label, spell) => {
    let id = idNumber("450332", { year: 1985 });
    while (!id.endsWith("X")) id = idNumber("450332", { year: 1985 }); // exercise the x → X rule
    const first = await makeLabourer(h, { idNumber: id });
    const res = await json(
      await h.api.post(
        "/api/v1/labourers",
        labourerBody({ idNumber: spell(id) }),
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "LABOURER_DUPLICATE",
      field: "idNumber",
      details: { existingId: first.id },
    });
    expect(
      await h.deps.db.$count(labourers, eq(labourers.idNumberHash, h.deps.pii.hash("id", id))),
    ).toBe(1);
  });

  it("does not reveal the id of a record in another county", async () => {
    const id = idNumber("450225");
    await makeLabourer(h, { idNumber: id, villageCode: VILLAGES.rongshui });
    const res = await json(
      await h.api.post(
        "/api/v1/labourers",
        labourerBody({ idNumber: id }),
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("LABOURER_DUPLICATE");
    expect(JSON.stringify(res.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe("POST /api/v1/labourers: who may register", () => {
  it("refuses a village outside the caller's region with 403", async () => {
    const res = await json(
      await h.api.post(
        "/api/v1/labourers",
        labourerBody({ villageCode: VILLAGES.rongshui }),
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error).toMatchObject({ code: "FORBIDDEN", field: "villageCode" });
    const cadre = await json(
      await h.api.post(
        "/api/v1/labourers",
        labourerBody({ villageCode: VILLAGES.gongcheng2 }),
        await h.as.cadre("450332102"),
      ),
    );
    expect(cadre.status).toBe(403);
  });

  it("refuses employers and labourers (403) and anonymous callers (401)", async () => {
    expect(
      (await h.api.post("/api/v1/labourers", labourerBody(), await h.as.user("employer"))).status,
    ).toBe(403);
    expect(
      (await h.api.post("/api/v1/labourers", labourerBody(), await h.as.user("labourer"))).status,
    ).toBe(403);
    expect((await h.api.post("/api/v1/labourers", labourerBody())).status).toBe(401);
  });
});
