import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema/audit";
import { labourers } from "../../../db/schema/labourers";
import { otpCodes, users } from "../../../db/schema/users";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeLabourer, phoneNumber } from "./factory";

/** The recording fake of the SMS gateway. */
const sent: { phone: string; code: string }[] = [];
const otpSender: OtpSender = {
  send: async (phone, code) => {
    sent.push({ phone, code });
  },
};
const lastCodeFor = (phone: string) => sent.filter((s) => s.phone === phone).at(-1)?.code;

let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ overrides: { otpSender, now } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  clockOffsetMs = 0;
});

const requestCode = (phone: string, as?: AuthAs) =>
  h.api.post("/api/v1/labourers/me/phone/code", { phone }, as);
const confirm = (phone: string, code: string, as?: AuthAs) =>
  h.api.post("/api/v1/labourers/me/phone", { phone, code }, as);
const otherCode = (code: string) => (code === "000000" ? "000001" : "000000");

async function signedIn(phone = phoneNumber()) {
  const l = await makeLabourer(h, { phone });
  return { l, me: await asLabourer(h, l.id) };
}

describe("a labourer changing their own phone", () => {
  it("sends a code to the new phone and, with it, moves the record, the sign-in and writes the audit log", async () => {
    const oldPhone = phoneNumber();
    const newPhone = phoneNumber();
    const { l, me } = await signedIn(oldPhone);
    const req = await json(
      await requestCode(
        `+86 ${newPhone.slice(0, 3)} ${newPhone.slice(3, 7)} ${newPhone.slice(7)}`,
        me,
      ),
    );
    expect(req.status, JSON.stringify(req.body)).toBe(202);
    expect(req.body).toEqual({
      sent: true,
      expiresIn: h.config.OTP_TTL_SECONDS,
      message: expect.stringContaining("验证码"),
    });
    const code = lastCodeFor(newPhone);
    expect(code).toMatch(/^\d{6}$/);
    expect(lastCodeFor(oldPhone)).toBeUndefined();

    const res = await json(await confirm(newPhone, code!, me));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: l.id,
      phoneMasked: `${newPhone.slice(0, 3)}****${newPhone.slice(7)}`,
      phoneSignIn: true,
    });
    expect(JSON.stringify(res.body)).not.toContain(newPhone);

    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.phoneHash).toBe(h.deps.pii.hash("phone", newPhone));
    expect(h.deps.pii.decrypt(row!.phoneEnc!)).toBe(newPhone);
    const [account] = await h.deps.db.select().from(users).where(eq(users.labourerId, l.id));
    expect(account!.phoneHash).toBe(h.deps.pii.hash("phone", newPhone));

    const audit = await h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, l.id), eq(auditLog.action, "labourer.phone.changed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: me.userId,
      actorRole: "labourer",
      entityType: "labourer",
    });
    expect(audit[0]!.details).toEqual({
      via: "sms_code_to_new_phone",
      from: `${oldPhone.slice(0, 3)}****${oldPhone.slice(7)}`,
      to: `${newPhone.slice(0, 3)}****${newPhone.slice(7)}`,
    });
    expect(JSON.stringify(audit)).not.toContain(newPhone);
    expect(JSON.stringify(audit)).not.toContain(oldPhone);

    // The session issued for the old phone has ended (token_version moved with the phone).
    const stale = await json(await h.api.get("/api/v1/me", me));
    expect(stale.status, JSON.stringify(stale.body)).toBe(401);
    expect(stale.body.error.code).toBe("UNAUTHENTICATED");

    // The new phone signs in; the code is spent.
    await h.api.post("/api/v1/auth/otp", { phone: newPhone });
    const login = await json(
      await h.api.post("/api/v1/auth/otp/verify", { phone: newPhone, code: lastCodeFor(newPhone) }),
    );
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(login.body.user.labourerId).toBe(l.id);
    const fresh = { headers: { authorization: `Bearer ${login.body.token}` }, userId: me.userId };
    const again = await json(await confirm(newPhone, code!, fresh));
    expect(again.body.error).toMatchObject({ code: "PHONE_CODE_INVALID", field: "code" });
  });

  it("refuses a wrong code with PHONE_CODE_INVALID (400, not 401: the labourer stays signed in) and changes nothing", async () => {
    const oldPhone = phoneNumber();
    const newPhone = phoneNumber();
    const { l, me } = await signedIn(oldPhone);
    await requestCode(newPhone, me);
    const code = lastCodeFor(newPhone)!;
    const wrong = await json(await confirm(newPhone, otherCode(code), me));
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: "PHONE_CODE_INVALID", field: "code" });
    expect(wrong.body.error.message).toMatch(/验证码/);
    // The code of one phone does not confirm another.
    const elsewhere = await json(await confirm(phoneNumber(), code, me));
    expect(elsewhere.body.error).toMatchObject({ code: "PHONE_CODE_INVALID", field: "code" });
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.phoneHash).toBe(h.deps.pii.hash("phone", oldPhone));
    const [stored] = await h.deps.db
      .select()
      .from(otpCodes)
      .where(eq(otpCodes.phoneHash, h.deps.pii.hash("phone", newPhone)));
    expect(stored).toMatchObject({
      purpose: "phone_change",
      userId: me.userId,
      attempts: 1,
      consumedAt: null,
    });
    expect(stored!.codeHash).not.toContain(code);
    // The right code still works after one wrong try.
    expect((await confirm(newPhone, code, me)).status).toBe(200);
  });

  it("answers PHONE_CODE_EXPIRED after OTP_TTL_SECONDS", async () => {
    const newPhone = phoneNumber();
    const { me } = await signedIn();
    await requestCode(newPhone, me);
    clockOffsetMs = (h.config.OTP_TTL_SECONDS + 1) * 1000;
    const res = await json(await confirm(newPhone, lastCodeFor(newPhone)!, me));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toMatchObject({ code: "PHONE_CODE_EXPIRED", field: "code" });
  });

  it("answers a taken phone like a free one when sending, and refuses it with PHONE_TAKEN at confirmation", async () => {
    const takenPhone = phoneNumber();
    const holder = await makeLabourer(h, { phone: takenPhone });
    const { l, me } = await signedIn();
    const free = await json(await requestCode(phoneNumber(), me));
    const taken = await json(await requestCode(takenPhone, me));
    expect(taken.status).toBe(free.status);
    expect(taken.body).toEqual(free.body);
    const res = await json(await confirm(takenPhone, lastCodeFor(takenPhone)!, me));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error).toMatchObject({ code: "PHONE_TAKEN", field: "phone" });
    expect(res.body.error.message).toMatch(/已登记在其他人名下/);
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.phoneHash).toBe(h.deps.pii.hash("phone", l.input.phone));
    const [holderAccount] = await h.deps.db
      .select()
      .from(users)
      .where(eq(users.labourerId, holder.id));
    expect(holderAccount!.phoneHash).toBe(h.deps.pii.hash("phone", takenPhone));
    expect(
      await h.deps.db.$count(
        auditLog,
        and(eq(auditLog.entityId, l.id), eq(auditLog.action, "labourer.phone.changed")),
      ),
    ).toBe(0);
  });

  it("lets only one of two people confirming the same new phone at once have it", async () => {
    const phone = phoneNumber();
    const a = await signedIn();
    const b = await signedIn();
    await requestCode(phone, a.me);
    const codeA = lastCodeFor(phone)!;
    await requestCode(phone, b.me);
    const codeB = lastCodeFor(phone)!;
    const answers = await Promise.all([confirm(phone, codeA, a.me), confirm(phone, codeB, b.me)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(
      await h.deps.db.$count(labourers, eq(labourers.phoneHash, h.deps.pii.hash("phone", phone))),
    ).toBe(1);
  });

  it("keeps codes to their purpose and their account", async () => {
    const phone = phoneNumber();
    const a = await signedIn();
    const b = await signedIn();
    await requestCode(phone, a.me);
    const code = lastCodeFor(phone)!;
    // Another signed-in labourer holding the same code cannot use it, nor does it sign anyone in.
    const stolen = await json(await confirm(phone, code, b.me));
    expect(stolen.body.error).toMatchObject({ code: "PHONE_CODE_INVALID", field: "code" });
    const login = await json(await h.api.post("/api/v1/auth/otp/verify", { phone, code }));
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe("OTP_INVALID");
    expect((await confirm(phone, code, a.me)).status).toBe(200);
  });

  it("shares the hourly limit per phone with sign-in codes", async () => {
    const phone = phoneNumber();
    const { me } = await signedIn();
    for (let i = 0; i < h.config.OTP_MAX_PER_HOUR; i++)
      expect((await h.api.post("/api/v1/auth/otp", { phone })).status).toBe(202);
    const res = await json(await requestCode(phone, me));
    expect(res.status, JSON.stringify(res.body)).toBe(429);
    expect(res.body.error).toMatchObject({ code: "RATE_LIMITED", field: "phone" });
  });

  it("checks the new phone before sending", async () => {
    const { l, me } = await signedIn();
    const bad = await json(await requestCode("12345678901", me));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "phone" });
    const same = await json(await requestCode(l.input.phone, me));
    expect(same.status).toBe(400);
    expect(same.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "phone",
      details: { reason: "same_phone" },
    });
    const badCode = await json(await confirm(phoneNumber(), "12ab", me));
    expect(badCode.body.error).toMatchObject({ code: "VALIDATION_FAILED", field: "code" });
    expect(sent.filter((s) => s.phone === l.input.phone)).toHaveLength(0);
  });

  it("is for labourers only", async () => {
    expect((await requestCode(phoneNumber(), await h.as.bureau("450332"))).status).toBe(403);
    expect((await confirm(phoneNumber(), "123456", await h.as.user("employer"))).status).toBe(403);
    expect((await requestCode(phoneNumber())).status).toBe(401);
  });

  it("refuses a phone in PATCH /labourers/me, pointing to the confirmed change", async () => {
    const { l, me } = await signedIn();
    for (const phone of [phoneNumber(), null]) {
      const res = await json(
        await h.api.patch("/api/v1/labourers/me", { phone, skills: ["采茶"] }, me),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({
        code: "PHONE_CHANGE_NEEDS_CODE",
        field: "phone",
        details: { requestCode: "POST /api/v1/labourers/me/phone/code" },
      });
      expect(res.body.error.message).toMatch(/验证码/);
    }
    const [row] = await h.deps.db.select().from(labourers).where(eq(labourers.id, l.id));
    expect(row!.phoneHash).toBe(h.deps.pii.hash("phone", l.input.phone));
    expect(row!.skills).toEqual(l.skills);
  });

  it("leaves staff editing a phone as it was (the cadre confirms in person)", async () => {
    const { l } = await signedIn();
    const phone = phoneNumber();
    const res = await json(
      await h.api.patch(`/api/v1/labourers/${l.id}`, { phone }, await h.as.bureau("450332")),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      phoneSignIn: true,
    });
  });

  it("documents both steps in the OpenAPI document", async () => {
    const { body } = await json(await h.api.get("/openapi.json"));
    expect(
      body.paths["/api/v1/labourers/me/phone/code"].post.responses["429"].description,
    ).toContain("RATE_LIMITED");
    const confirmOp = body.paths["/api/v1/labourers/me/phone"].post;
    expect(confirmOp.responses["409"].description).toContain("PHONE_TAKEN");
    expect(confirmOp.responses["400"].description).toContain("PHONE_CODE_EXPIRED");
    expect(body.paths["/api/v1/labourers/me"].patch.responses["400"].description).toContain(
      "PHONE_CHANGE_NEEDS_CODE",
    );
  });
});
