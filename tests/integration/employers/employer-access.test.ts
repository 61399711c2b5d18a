import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { createHarness, type Harness, json } from "../../support/harness";
import { asEmployer, employerBody, makeEmployer } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("who sees which employer", () => {
  it("shows an employer its own organisation and answers 404 for another's", async () => {
    const mine = await makeEmployer(h);
    const other = await makeEmployer(h);
    const me = await asEmployer(h, mine.id);
    expect((await h.api.get(`/api/v1/employers/${mine.id}`, me)).status).toBe(200);
    const { status, body } = await json(await h.api.get(`/api/v1/employers/${other.id}`, me));
    expect(status, JSON.stringify(body)).toBe(404);
    expect(body.error.code).toBe("EMPLOYER_NOT_FOUND");
    expect(
      (await h.api.patch(`/api/v1/employers/${other.id}`, { contactName: "冒名" }, me)).status,
    ).toBe(404);
    expect((await h.api.get(`/api/v1/employers/${other.id}/contact`, me)).status).toBe(404);

    const list = await json(await h.api.get("/api/v1/employers", me));
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([mine.id]);
  });

  it("lists for bureau and cadre users only the employers inside their region", async () => {
    const here = await makeEmployer(h, { regionCode: "450332" });
    const there = await makeEmployer(h, { regionCode: "450225" });
    for (const who of [await h.as.bureau("450332"), await h.as.cadre("450332")]) {
      const ids = (await json(await h.api.get("/api/v1/employers?limit=100", who))).body.items.map(
        (e: { id: string }) => e.id,
      );
      expect(ids).toContain(here.id);
      expect(ids).not.toContain(there.id);
    }
    const guilin = (
      await json(await h.api.get("/api/v1/employers?limit=100", await h.as.bureau("4503")))
    ).body.items.map((e: { id: string }) => e.id);
    expect(guilin).toContain(here.id);
    expect(
      (await h.api.get(`/api/v1/employers/${there.id}`, await h.as.cadre("450332"))).status,
    ).toBe(404);
    expect((await h.api.get(`/api/v1/employers/${there.id}`, await h.as.admin())).status).toBe(200);
  });

  it("refuses labourers and anonymous callers", async () => {
    const e = await makeEmployer(h);
    expect((await h.api.get("/api/v1/employers")).status).toBe(401);
    expect((await h.api.get("/api/v1/employers", await h.as.user("labourer"))).status).toBe(403);
    expect((await h.api.get(`/api/v1/employers/${e.id}`, await h.as.user("labourer"))).status).toBe(
      403,
    );
    expect((await h.api.get(`/api/v1/employers/${e.id}`)).status).toBe(401);
  });

  it("pages through a region with a cursor, without repeats", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await makeEmployer(h, { regionCode: "450332101" })).id);
    const bureau = await h.as.bureau("450332");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/api/v1/employers?regionCode=450332101&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await json(await h.api.get(q, bureau));
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(ids);
    expect(
      (await json(await h.api.get("/api/v1/employers?cursor=garbage", bureau))).body.error,
    ).toMatchObject({
      field: "cursor",
    });
  });
});

describe("PATCH /api/v1/employers/{id}", () => {
  it("lets an employer change its contact, masked in the answer, but not its name", async () => {
    const e = await makeEmployer(h);
    const me = await asEmployer(h, e.id);
    const { status, body } = await json(
      await h.api.patch(
        `/api/v1/employers/${e.id}`,
        { contactName: "韦建国", contactPhone: "+86 139 0773 0001" },
        me,
      ),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ contactName: "韦建国", contactPhone: "139****0001" });
    const rename = await json(
      await h.api.patch(`/api/v1/employers/${e.id}`, { name: "新名字有限公司" }, me),
    );
    expect(rename.status).toBe(403);
    expect(rename.body.error.field).toBe("name");
  });

  it("lets the county bureau rename, but not a cadre", async () => {
    const e = await makeEmployer(h);
    expect(
      (
        await h.api.patch(
          `/api/v1/employers/${e.id}`,
          { name: "恭城县新名称竹编厂" },
          await h.as.cadre("450332"),
        )
      ).status,
    ).toBe(403);
    const { status, body } = await json(
      await h.api.patch(
        `/api/v1/employers/${e.id}`,
        { name: "恭城县新名称竹编厂" },
        await h.as.bureau("450332"),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.name).toBe("恭城县新名称竹编厂");
  });
});

describe("creation by bureau staff and the audited contact read", () => {
  it("creates only inside the bureau's own region", async () => {
    const { status, body } = await json(
      await h.api.post(
        "/api/v1/employers",
        employerBody({ regionCode: "450225" }),
        await h.as.bureau("450332"),
      ),
    );
    expect(status, JSON.stringify(body)).toBe(403);
    expect(body.error).toMatchObject({ code: "FORBIDDEN", field: "regionCode" });
  });

  it("returns the full phone to staff in scope and writes audit_log", async () => {
    const e = await makeEmployer(h, { contactPhone: "13907730123" });
    const cadre = await h.as.cadre("450332");
    const { status, body } = await json(
      await h.api.get(`/api/v1/employers/${e.id}/contact`, cadre),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.contactPhone).toBe("13907730123");
    const rows = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, e.id), eq(auditLog.action, "employer.contact.read")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorUserId: cadre.userId,
      actorRole: "cadre",
      entityType: "employer",
    });
  });
});
