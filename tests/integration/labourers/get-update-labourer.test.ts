import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import { chinaDate } from "../../../src/lib/china-time";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, idNumber, makeHousehold, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
// The business clock is the real one (session tokens are checked against it) but can be moved.
let shift = 0;
beforeAll(async () => {
  h = await createHarness({ overrides: { now: () => new Date(Date.now() + shift) } });
});
afterAll(async () => {
  await h?.close();
});

describe("GET /api/v1/labourers/{id}", () => {
  it("shows a record to staff of its county, township and province, masked", async () => {
    const l = await makeLabourer(h);
    for (const who of [
      await h.as.bureau("450332"),
      await h.as.cadre("450332102"),
      await h.as.bureau("45"),
      await h.as.admin(),
    ]) {
      const res = await json(await h.api.get(`/api/v1/labourers/${l.id}`, who));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.idNumberMasked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(JSON.stringify(res.body)).not.toContain(l.input.idNumber);
    }
  });

  it("answers 404 LABOURER_NOT_FOUND to staff of another county or township", async () => {
    const l = await makeLabourer(h);
    for (const who of [await h.as.bureau("450225"), await h.as.cadre("450332100")]) {
      const res = await json(await h.api.get(`/api/v1/labourers/${l.id}`, who));
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe("LABOURER_NOT_FOUND");
    }
  });

  it("shows labourers their own record only, and never the registry to employers", async () => {
    const mine = await makeLabourer(h);
    const other = await makeLabourer(h);
    const me = await asLabourer(h, mine.id);
    expect((await h.api.get(`/api/v1/labourers/${mine.id}`, me)).status).toBe(200);
    expect((await json(await h.api.get(`/api/v1/labourers/${other.id}`, me))).body.error.code).toBe(
      "LABOURER_NOT_FOUND",
    );
    expect(
      (await h.api.get(`/api/v1/labourers/${mine.id}`, await h.as.user("employer"))).status,
    ).toBe(403);
    expect((await h.api.get(`/api/v1/labourers/${mine.id}`)).status).toBe(401);
  });

  it("answers a malformed id with 400 naming the parameter", async () => {
    const res = await json(await h.api.get("/api/v1/labourers/not-a-uuid", await h.as.admin()));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "id" });
  });
});

describe("PATCH /api/v1/labourers/{id}", () => {
  it("changes only the fields sent and dates a new employment status today", async () => {
    const l = await makeLabourer(h, { skills: ["电焊"] });
    const res = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        {
          employmentStatus: "out_province",
          workIntention: "out_province",
          preferredCityCodes: ["440300", "4419"],
        },
        await h.as.bureau("450332"),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      employmentStatus: "out_province",
      employmentSince: chinaDate(new Date()),
      preferredCityCodes: ["4403", "4419"],
      skills: ["电焊"],
      name: l.name,
    });
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.employmentStatus).toBe("out_province");
  });

  it("does not touch a record when nothing changes", async () => {
    const l = await makeLabourer(h);
    const admin = await h.as.admin();
    shift = 3600_000;
    const res = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        { name: l.name, phone: l.input.phone, idNumber: l.input.idNumber },
        admin,
      ),
    );
    shift = 0;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.updatedAt).toBe(l.updatedAt);
  });

  it("moves the sign-in to a new phone", async () => {
    const l = await makeLabourer(h, { phone: "13911112222" });
    const res = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        { phone: "139 1111 3333" },
        await h.as.admin(),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ phoneMasked: "139****3333", phoneSignIn: true });
    const [account] = await h.deps.db.select().from(users).where(eq(users.labourerId, l.id));
    expect(account!.phoneHash).toBe(h.deps.pii.hash("phone", "13911113333"));
    const cleared = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { phone: null }, await h.as.admin()),
    );
    expect(cleared.body).toMatchObject({ phoneMasked: null, phoneSignIn: false });
    const [after] = await h.deps.db.select().from(users).where(eq(users.labourerId, l.id));
    expect(after!.phoneHash).toBeNull();
  });

  it("corrects an ID number, refusing one that belongs to someone else", async () => {
    const a = await makeLabourer(h);
    const b = await makeLabourer(h);
    const fixed = idNumber("450332", { year: 1991, month: 1, day: 2, sex: "male" });
    const ok = await json(
      await h.api.patch(`/api/v1/labourers/${a.id}`, { idNumber: fixed }, await h.as.admin()),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ sex: "male" });
    expect(ok.body).not.toHaveProperty("birthDate");
    const [stored] = await h.deps.db.select().from(labourers).where(eq(labourers.id, a.id));
    expect(stored!.birthDate).toBe("1991-01-02");
    const dup = await json(
      await h.api.patch(`/api/v1/labourers/${b.id}`, { idNumber: fixed }, await h.as.admin()),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      code: "LABOURER_DUPLICATE",
      details: { existingId: a.id },
    });
  });

  it("refuses a village outside the caller's region (403) and a record outside it (404)", async () => {
    const here = await makeLabourer(h);
    const there = await makeLabourer(h, {
      idNumber: idNumber("450225"),
      villageCode: VILLAGES.rongshui,
    });
    const bureau = await h.as.bureau("450332");
    const move = await json(
      await h.api.patch(`/api/v1/labourers/${here.id}`, { villageCode: VILLAGES.rongshui }, bureau),
    );
    expect(move.status, JSON.stringify(move.body)).toBe(403);
    expect(move.body.error).toMatchObject({ code: "FORBIDDEN", field: "villageCode" });
    const foreign = await json(
      await h.api.patch(`/api/v1/labourers/${there.id}`, { skills: ["木工"] }, bureau),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("LABOURER_NOT_FOUND");
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, there.id));
    expect(row!.skills).toEqual(["电焊"]);
  });

  it("refuses labourers (they use /me) and employers", async () => {
    const l = await makeLabourer(h);
    expect(
      (await h.api.patch(`/api/v1/labourers/${l.id}`, { skills: [] }, await asLabourer(h, l.id)))
        .status,
    ).toBe(403);
    expect(
      (await h.api.patch(`/api/v1/labourers/${l.id}`, { skills: [] }, await h.as.user("employer")))
        .status,
    ).toBe(403);
  });

  it("keeps a member in the household's village and takes the household's key-assistance flag", async () => {
    const hh = await makeHousehold(h, { incomePerCapitaFen: 800_000 });
    const l = await makeLabourer(h);
    const linked = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        { householdId: hh.id, relationToHead: "之女" },
        await h.as.admin(),
      ),
    );
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ householdId: hh.id, keyAssistance: true });
    const moved = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        { villageCode: VILLAGES.gongcheng2 },
        await h.as.admin(),
      ),
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "villageCode" });
    const flag = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { keyAssistance: false }, await h.as.admin()),
    );
    expect(flag.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "keyAssistance" });
  });

  it("names an unknown field instead of ignoring it", async () => {
    const l = await makeLabourer(h);
    const res = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { skils: ["木工"] }, await h.as.admin()),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(res.body.error.details)).toContain("skils");
  });

  it("rejects an employment start in the future", async () => {
    const l = await makeLabourer(h);
    const res = await json(
      await h.api.patch(
        `/api/v1/labourers/${l.id}`,
        {
          employmentStatus: "local",
          employmentSince: chinaDate(new Date(Date.now() + 2 * 86400_000)),
        },
        await h.as.admin(),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "employmentSince" });
  });
});
