import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { households, labourers } from "../../../db/schema/labourers";
import { users } from "../../../db/schema/users";
import { type Ctx, systemCtx } from "../../../src/lib/ctx";
import {
  type LedgerLabourerInput,
  upsertLabourerFromLedger,
} from "../../../src/modules/households/ledger";
import { createHarness, type Harness } from "../../support/harness";
import { idNumber, phoneNumber, VILLAGES } from "./factory";

let h: Harness;
let ctx: Ctx;
beforeAll(async () => {
  h = await createHarness();
  ctx = systemCtx(h.deps, "ledger-test");
});
afterAll(async () => {
  await h?.close();
});

const row = (overrides: Partial<LedgerLabourerInput> = {}): LedgerLabourerInput => ({
  name: "覃桂花",
  idNumber: idNumber("450226"),
  phone: phoneNumber(),
  villageCode: VILLAGES.sanjiang,
  personType: "tuopin",
  labourCapacity: "full",
  workIntention: "local",
  ...overrides,
});

const upsert = (input: LedgerLabourerInput, c: Ctx = ctx) =>
  h.deps.db.transaction((tx) => upsertLabourerFromLedger(c, tx, input));

describe("upsertLabourerFromLedger", () => {
  it("creates, then reports unchanged, then updated, keyed by the normalised ID number", async () => {
    const input = row({
      household: { householdNo: `SJ${Date.now()}`, incomePerCapitaFen: 600_000 },
      relationToHead: "户主",
    });
    const created = await upsert(input);
    expect(created).toMatchObject({ outcome: "created", householdOutcome: "created" });
    if (created.outcome === "rejected") return;
    const [hh] = await h.deps.db
      .select()
      .from(households)
      .where(eq(households.id, created.householdId!));
    expect(hh).toMatchObject({
      headName: "覃桂花",
      keyAssistance: true,
      villageCode: VILLAGES.sanjiang,
      headLabourerId: created.labourerId,
    });
    expect(await h.deps.db.$count(users, eq(users.labourerId, created.labourerId))).toBe(1);

    const fullWidth = input.idNumber.replace(/\d/g, (d) =>
      String.fromCharCode(d.charCodeAt(0) + 0xfee0),
    );
    expect(await upsert({ ...input, idNumber: fullWidth })).toMatchObject({
      outcome: "unchanged",
      labourerId: created.labourerId,
      householdOutcome: "unchanged",
    });
    expect(await upsert({ ...input, employmentStatus: "local" })).toMatchObject({
      outcome: "updated",
      labourerId: created.labourerId,
    });
    const [l] = await h.deps.db
      .select()
      .from(labourers)
      .where(eq(labourers.id, created.labourerId));
    expect(l).toMatchObject({
      employmentStatus: "local",
      workIntention: "local",
      keyAssistance: true,
    });
  });

  it("leaves fields the ledger does not give as they are", async () => {
    const input = row({ skills: ["侗族刺绣"] });
    const created = await upsert(input);
    expect(created.outcome).toBe("created");
    const thin = await upsert({ name: input.name, idNumber: input.idNumber });
    expect(thin.outcome).toBe("unchanged");
  });

  it("rejects a bad row with a reason and leaves nothing behind, not even its household", async () => {
    const householdNo = `SJ-BAD-${Date.now()}`;
    const young = row({
      idNumber: idNumber("450226", { year: 2014 }),
      household: { householdNo, headName: "覃老四" },
    });
    expect(await upsert(young)).toMatchObject({
      outcome: "rejected",
      code: "LABOURER_AGE_OUT_OF_RANGE",
      field: "idNumber",
      reason: "too_young",
    });
    expect(await h.deps.db.$count(households, eq(households.householdNo, householdNo))).toBe(0);
    expect(await upsert(row({ idNumber: "450226199003150016" }))).toMatchObject({
      outcome: "rejected",
      code: "ID_NUMBER_INVALID",
      reason: "checksum",
    });
    expect(await upsert(row({ phone: "12345" }))).toMatchObject({
      outcome: "rejected",
      field: "phone",
      reason: "phone",
    });
    expect(await upsert(row({ personType: undefined }))).toMatchObject({
      outcome: "rejected",
      field: "personType",
      reason: "required",
    });
  });

  it("carries on in the caller's transaction after a rejected row", async () => {
    const good = row();
    const results = await h.deps.db.transaction(async (tx) => [
      await upsertLabourerFromLedger(ctx, tx, row({ idNumber: "bad" })),
      await upsertLabourerFromLedger(ctx, tx, good),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["rejected", "created"]);
    expect(
      await h.deps.db.$count(
        labourers,
        eq(labourers.idNumberHash, h.deps.pii.hash("id", good.idNumber)),
      ),
    ).toBe(1);
  });

  it("does not touch a person registered in another county, nor reveal the record", async () => {
    const input = row();
    await upsert(input);
    const gongcheng = await h.as.bureau("450332");
    const bureauCtx: Ctx = {
      ...ctx,
      actor: {
        kind: "user",
        userId: gongcheng.userId,
        role: "bureau",
        regionCode: "450332",
        employerId: null,
        labourerId: null,
      },
    };
    const res = await upsert(
      { ...input, villageCode: VILLAGES.gongcheng, skills: ["改写"] },
      bureauCtx,
    );
    expect(res).toMatchObject({
      outcome: "rejected",
      code: "LABOURER_DUPLICATE",
      reason: "registered_elsewhere",
    });
    expect(JSON.stringify(res)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});
