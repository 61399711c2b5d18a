import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import {
  DEMO_LABOURER_PHONE,
  demoLedgerRows,
  seedDemoLabourers,
} from "../../../db/seed/demo-labourers";
import { createHarness, type Harness, json } from "../../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("seedDemoLabourers", () => {
  it("registers 60 valid people once, and nothing more on the next start", async () => {
    expect(demoLedgerRows().flatMap((c) => c.rows)).toHaveLength(60);
    expect(await seedDemoLabourers(h.deps)).toEqual({ created: 60, rejected: 0 });
    expect(await seedDemoLabourers(h.deps)).toEqual({ created: 0, rejected: 0 });
    expect(await h.deps.db.$count(labourers)).toBe(60);
  });

  it("has the sign-in demo person, a zero-employment household, key-assistance and resettled households", async () => {
    const [account] = await h.deps.db
      .select()
      .from(users)
      .where(eq(users.phoneHash, h.deps.pii.hash("phone", DEMO_LABOURER_PHONE)));
    expect(account?.labourerId).toBeTruthy();
    const [person] = await h.deps.db
      .select()
      .from(labourers)
      .where(eq(labourers.id, account!.labourerId!));
    expect(person).toMatchObject({
      name: "莫秀英",
      villageCode: "450332102201",
      contactConsent: true,
    });

    const admin = await h.as.admin();
    const zero = await json(
      await h.api.get("/api/v1/households?zeroEmployment=true&limit=100", admin),
    );
    expect(zero.body.items.length).toBeGreaterThanOrEqual(1);
    const key = await json(
      await h.api.get("/api/v1/households?keyAssistance=true&limit=100", admin),
    );
    expect(key.body.items.length).toBeGreaterThanOrEqual(1);
    const resettled = await json(
      await h.api.get("/api/v1/households?resettled=true&limit=100", admin),
    );
    expect(
      resettled.body.items.map((x: { villageCode: string }) => x.villageCode.slice(0, 6)),
    ).toContain("451228");
    for (const county of ["450332", "450225", "450226", "451228"]) {
      const page = await json(
        await h.api.get(`/api/v1/labourers?region=${county}&limit=100`, admin),
      );
      expect(page.body.items.length, county).toBe(15);
    }
  });
});
