import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeLabourer } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("/api/v1/labourers/me", () => {
  it("shows the signed-in labourer their own record, masked", async () => {
    const l = await makeLabourer(h);
    const res = await json(await h.api.get("/api/v1/labourers/me", await asLabourer(h, l.id)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: l.id, idNumberMasked: l.idNumberMasked });
    expect(JSON.stringify(res.body)).not.toContain(l.input.idNumber);
  });

  it("lets the labourer change intention, skills, expected wage and consent", async () => {
    const l = await makeLabourer(h, { workIntention: "none", contactConsent: false });
    const res = await json(
      await h.api.patch(
        "/api/v1/labourers/me",
        {
          workIntention: "out_province",
          preferredCityCodes: ["4406"],
          skills: ["缝纫"],
          expectedWage: { amountFen: 500000, unit: "month" },
          contactConsent: true,
        },
        await asLabourer(h, l.id),
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      workIntention: "out_province",
      preferredCityCodes: ["4406"],
      skills: ["缝纫"],
      expectedWage: { amountFen: 500000, unit: "month" },
      contactConsent: true,
    });
    expect(res.body.consentAt).toEqual(expect.any(String));
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.consentAt).not.toBeNull();
  });

  // A phone change needs a code sent to the new phone: phone-change.test.ts.

  it("refuses every other field, by name", async () => {
    const l = await makeLabourer(h);
    const me = await asLabourer(h, l.id);
    for (const body of [
      { villageCode: "450225101201" },
      { personType: "other" },
      { name: "别人" },
      { employmentStatus: "local" },
    ]) {
      const res = await json(await h.api.patch("/api/v1/labourers/me", body, me));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row).toMatchObject({
      villageCode: l.villageCode,
      personType: "tuopin",
      name: l.name,
      employmentStatus: "unemployed",
    });
  });

  it("is for labourers only", async () => {
    expect((await h.api.get("/api/v1/labourers/me", await h.as.admin())).status).toBe(403);
    expect(
      (await h.api.patch("/api/v1/labourers/me", { skills: [] }, await h.as.user("employer")))
        .status,
    ).toBe(403);
    expect((await h.api.get("/api/v1/labourers/me")).status).toBe(401);
    const orphan = await json(await h.api.get("/api/v1/labourers/me", await h.as.user("labourer")));
    expect(orphan.status).toBe(404);
    expect(orphan.body.error.code).toBe("LABOURER_NOT_FOUND");
  });
});
