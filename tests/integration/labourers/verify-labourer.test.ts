import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, idNumber, makeLabourer, VILLAGES } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const verify = async (id: string, as: Awaited<ReturnType<Harness["as"]["bureau"]>>) =>
  json(await h.api.post(`/api/v1/labourers/${id}/verify`, {}, as));

const pendingIds = async (
  as: Awaited<ReturnType<Harness["as"]["bureau"]>>,
  verified: string,
  region = "450332",
) => {
  const res = await json(
    await h.api.get(`/api/v1/labourers?verified=${verified}&region=${region}&limit=100`, as),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { id: string }[]).map((x) => x.id);
};

describe("POST /api/v1/labourers/{id}/verify (核实)", () => {
  it("registers as 待核实, verifies once with an audit row, and lists by verification state", async () => {
    const l = await makeLabourer(h, { villageCode: VILLAGES.gongcheng });
    expect(l.verifiedAt).toBeNull();
    const bureau = await h.as.bureau("450332");
    expect(await pendingIds(bureau, "false")).toContain(l.id);
    expect(await pendingIds(bureau, "true")).not.toContain(l.id);

    const res = await verify(l.id, bureau);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.verifiedAt).toEqual(expect.any(String));
    expect(await pendingIds(bureau, "false")).not.toContain(l.id);
    expect(await pendingIds(bureau, "true")).toContain(l.id);
    const audit = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, "labourer.verified")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: bureau.userId, actorRole: "bureau" });

    const again = await verify(l.id, bureau);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("LABOURER_ALREADY_VERIFIED");
  });

  it("makes the record 待核实 again when the name changes, but not for a work intention", async () => {
    const l = await makeLabourer(h);
    const bureau = await h.as.bureau("450332");
    expect((await verify(l.id, bureau)).status).toBe(200);
    const intention = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { workIntention: "local" }, bureau),
    );
    expect(intention.body.verifiedAt).toEqual(expect.any(String));
    const renamed = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { name: "莫秀兰" }, bureau),
    );
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.verifiedAt).toBeNull();
  });

  it("is a 404 outside the caller's region and closed to labourers", async () => {
    const l = await makeLabourer(h, {
      idNumber: idNumber("450225"),
      villageCode: VILLAGES.rongshui,
    });
    const res = await verify(l.id, await h.as.bureau("450332"));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("LABOURER_NOT_FOUND");
    const self = await verify(l.id, await asLabourer(h, l.id));
    expect(self.status).toBe(403);
    expect(await pendingIds(await h.as.bureau("450225"), "false", "450225")).toContain(l.id);
  });
});
