import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, idNumber, makeHousehold, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const auditRows = (labourerId: string) =>
  h.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "labourer"), eq(auditLog.entityId, labourerId)));

describe("GET /api/v1/labourers/{id}/identity", () => {
  it("returns the full numbers and writes an audit row on every read", async () => {
    const l = await makeLabourer(h, { phone: "１３９ ２２２２ ３３３３" });
    const cadre = await h.as.cadre("450332102");
    for (let i = 1; i <= 2; i++) {
      const res = await h.api.get(`/api/v1/labourers/${l.id}/identity`, cadre);
      const { status, body } = await json(res);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body).toEqual({
        id: l.id,
        name: l.name,
        idNumber: l.input.idNumber,
        phone: "13922223333",
      });
      const rows = await auditRows(l.id);
      expect(rows).toHaveLength(i);
      expect(rows.at(-1)).toMatchObject({
        actorUserId: cadre.userId,
        actorRole: "cadre",
        action: "labourer.identity.read",
        requestId: res.headers.get("x-request-id"),
      });
    }
  });

  it("answers 404 outside the caller's region and writes no audit row", async () => {
    const l = await makeLabourer(h, {
      idNumber: idNumber("450225"),
      villageCode: VILLAGES.rongshui,
    });
    const res = await json(
      await h.api.get(`/api/v1/labourers/${l.id}/identity`, await h.as.bureau("450332")),
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("LABOURER_NOT_FOUND");
    expect(await auditRows(l.id)).toHaveLength(0);
  });

  it("is closed to labourers, even about themselves, and to employers", async () => {
    const l = await makeLabourer(h);
    expect(
      (await h.api.get(`/api/v1/labourers/${l.id}/identity`, await asLabourer(h, l.id))).status,
    ).toBe(403);
    expect(
      (await h.api.get(`/api/v1/labourers/${l.id}/identity`, await h.as.user("employer"))).status,
    ).toBe(403);
    expect((await h.api.get(`/api/v1/labourers/${l.id}/identity`)).status).toBe(401);
    expect(await auditRows(l.id)).toHaveLength(0);
  });
});

describe("masking", () => {
  it("never shows a full ID or phone number in any other response", async () => {
    const phone = "13944445555";
    const hh = await makeHousehold(h);
    const admin = await h.as.admin();
    const created = await h.api.post(
      "/api/v1/labourers",
      {
        name: "黄美玲",
        idNumber: idNumber("450332"),
        phone,
        personType: "tuopin",
        labourCapacity: "full",
        householdId: hh.id,
        relationToHead: "户主",
      },
      admin,
    );
    const l = await json(created.clone());
    expect(l.status, JSON.stringify(l.body)).toBe(201);
    const stored = (
      await json<{ idNumber: string }>(
        await h.api.get(`/api/v1/labourers/${l.body.id}/identity`, admin),
      )
    ).body.idNumber;
    const me = await asLabourer(h, l.body.id);
    const bodies = await Promise.all([
      created.text(),
      h.api.get(`/api/v1/labourers/${l.body.id}`, admin).then((r) => r.text()),
      h.api
        .patch(`/api/v1/labourers/${l.body.id}`, { skills: ["采茶"] }, admin)
        .then((r) => r.text()),
      h.api.get(`/api/v1/labourers?householdId=${hh.id}`, admin).then((r) => r.text()),
      h.api.get(`/api/v1/households/${hh.id}`, admin).then((r) => r.text()),
      h.api.get(`/api/v1/households?q=${hh.householdNo}`, admin).then((r) => r.text()),
      h.api.get("/api/v1/labourers/me", me).then((r) => r.text()),
      h.api
        .patch("/api/v1/labourers/me", { skills: ["采茶", "油茶加工"] }, me)
        .then((r) => r.text()),
      h.api
        .post(
          "/api/v1/labourers",
          {
            name: "黄美玲",
            idNumber: stored,
            personType: "tuopin",
            labourCapacity: "full",
            villageCode: VILLAGES.gongcheng,
          },
          admin,
        )
        .then((r) => r.text()),
    ]);
    for (const text of bodies) {
      expect(text).not.toContain(stored);
      expect(text).not.toContain(phone);
      expect(text).toMatch(/139\*\*\*\*5555|LABOURER_DUPLICATE|"items"/);
    }
  });
});
