import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { employers } from "../../../db/schema/employers";
import { users } from "../../../db/schema/users";
import { createHarness, type Harness, json } from "../../support/harness";
import { employerBody, randomCreditCode, randomPhone } from "./factory";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});
// In-process requests all come from one address; the per-address registration limit is not under test here.
beforeEach(async () => {
  await h.deps.redis.del("rl:employer-register:ip:local");
});

const register = (body: Record<string, unknown>) => h.api.post("/api/v1/employers/register", body);
const account = () => ({
  username: `emp_${Math.random().toString(36).slice(2, 10)}`,
  password: "zhubian-2026-ok",
});

describe("POST /api/v1/employers/register", () => {
  it("creates an unverified employer and an employer user, and returns a working session", async () => {
    const body = { ...employerBody({ contactPhone: "138 0773 2345" }), ...account() };
    const { status, body: out } = await json(await register(body));
    expect(status, JSON.stringify(out)).toBe(201);
    expect(out.employer).toMatchObject({
      name: body.name,
      type: "enterprise",
      creditCode: body.creditCode,
      regionCode: "450332",
      contactPhone: "138****2345",
      verification: { status: "unverified", label: "待审核" },
    });
    expect(out.session.user).toMatchObject({ role: "employer", employerId: out.employer.id });

    const [row] = await h.deps.db.select().from(employers).where(eq(employers.id, out.employer.id));
    expect(row!.contactPhoneEnc).not.toContain("13807732345");
    expect(h.deps.pii.decrypt(row!.contactPhoneEnc!)).toBe("13807732345");
    expect(row!.contactPhoneHash).toBe(h.deps.pii.hash("phone", "13807732345"));
    const [user] = await h.deps.db
      .select()
      .from(users)
      .where(eq(users.employerId, out.employer.id));
    expect(user).toMatchObject({ role: "employer", username: body.username });
    expect(row!.createdBy).toBe(user!.id);

    const auth = { headers: { authorization: `Bearer ${out.session.token}` }, userId: user!.id };
    const own = await json(await h.api.get(`/api/v1/employers/${out.employer.id}`, auth));
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain("13807732345");
  });

  it("normalises a credit code typed in full-width lower case", async () => {
    const code = randomCreditCode();
    const typed = code
      .toLowerCase()
      .replace(/[0-9a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const { status, body } = await json(
      await register({ ...employerBody({ creditCode: typed }), ...account() }),
    );
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.employer.creditCode).toBe(code);
  });

  it("refuses a second registration with the same credit code: 409 EMPLOYER_DUPLICATE", async () => {
    const creditCode = randomCreditCode();
    expect((await register({ ...employerBody({ creditCode }), ...account() })).status).toBe(201);
    const { status, body } = await json(
      await register({ ...employerBody({ creditCode }), ...account() }),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body.error).toMatchObject({ code: "EMPLOYER_DUPLICATE", field: "creditCode" });
    expect(await h.deps.db.$count(employers, eq(employers.creditCode, creditCode))).toBe(1);
  });

  it("rolls the employer back when the username is taken", async () => {
    const acct = account();
    expect((await register({ ...employerBody(), ...acct })).status).toBe(201);
    const creditCode = randomCreditCode();
    const { status, body } = await json(
      await register({ ...employerBody({ creditCode }), ...acct }),
    );
    expect(status, JSON.stringify(body)).toBe(409);
    expect(body.error).toMatchObject({ code: "CONFLICT", field: "username" });
    expect(await h.deps.db.$count(employers, eq(employers.creditCode, creditCode))).toBe(0);
  });

  it("lets an individual odd-job employer register with a phone instead of a credit code, once per phone", async () => {
    const phone = randomPhone();
    const first = await json(
      await register({
        ...employerBody({
          type: "individual",
          creditCode: undefined,
          contactPhone: phone,
          name: "莫师傅（砂糖橘采摘）",
        }),
        ...account(),
      }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.employer).toMatchObject({
      type: "individual",
      creditCode: null,
      typeLabel: "个体/零散雇主",
    });
    const again = await json(
      await register({
        ...employerBody({ type: "individual", creditCode: "", contactPhone: phone }),
        ...account(),
      }),
    );
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error).toMatchObject({ code: "EMPLOYER_DUPLICATE", field: "contactPhone" });
  });

  it.each([
    {
      name: "a bad check character",
      patch: { creditCode: "914403001922038217" },
      code: "CREDIT_CODE_INVALID",
      field: "creditCode",
    },
    {
      name: "letters I/O in the code",
      patch: { creditCode: "9144030019220382IO" },
      code: "CREDIT_CODE_INVALID",
      field: "creditCode",
    },
    {
      name: "an enterprise without a code",
      patch: { creditCode: undefined },
      code: "VALIDATION_FAILED",
      field: "creditCode",
    },
    {
      name: "a bad phone",
      patch: { contactPhone: "0773-1234" },
      code: "VALIDATION_FAILED",
      field: "contactPhone",
    },
    {
      name: "a city-level region",
      patch: { regionCode: "450300" },
      code: "VALIDATION_FAILED",
      field: "regionCode",
    },
    {
      name: "an unknown county",
      patch: { regionCode: "459999" },
      code: "VALIDATION_FAILED",
      field: "regionCode",
    },
    {
      name: "an unknown type",
      patch: { type: "factory" },
      code: "VALIDATION_FAILED",
      field: "type",
    },
    {
      name: "a workshop without its certificate",
      patch: { type: "workshop" },
      code: "VALIDATION_FAILED",
      field: "workshopCertificateNo",
    },
  ])("answers $name with 400 $code on $field", async ({ patch, code, field }) => {
    const { status, body } = await json(await register({ ...employerBody(patch), ...account() }));
    expect(status, JSON.stringify(body)).toBe(400);
    expect(body.error).toMatchObject({ code, field });
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("records a workshop's certificate and certifying county (the county it is in by default)", async () => {
    const { status, body } = await json(
      await register({
        ...employerBody({
          type: "workshop",
          regionCode: "450332100",
          workshopCertificateNo: "恭人社帮扶车间〔2023〕第 015 号",
        }),
        ...account(),
      }),
    );
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.employer.workshop).toEqual({
      certificateNo: "恭人社帮扶车间〔2023〕第 015 号",
      certifiedBy: "450332",
    });
  });
});
