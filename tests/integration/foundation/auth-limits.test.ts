/**
 * Sign-in and one-time-code limits under attack (issue 12): counted atomically before the
 * password or code is touched, keyed by one spelling of the username, and per address so that
 * a guesser is stopped without stopping an office behind the same address.
 */
import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otpCodes, users } from "../../../db/schema/users";
import { hashPassword } from "../../../src/lib/crypto";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { createHarness, type Harness, json } from "../../support/harness";

const PASSWORD = "Correct-Horse-9";
const LIMIT_PER_USER = 10;

const sent: { phone: string; code: string }[] = [];
const otpSender: OtpSender = {
  send: async (phone, code) => {
    sent.push({ phone, code });
  },
};

let h: Harness;
let passwordHash: string;
beforeAll(async () => {
  h = await createHarness({ overrides: { otpSender } });
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await h?.close();
});

const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const randomPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

/** POSTs as if from `ip`: the node server's connection info, as getConnInfo reads it. */
const postFrom = (ip: string, path: string, body: unknown) =>
  h.app.request(
    path,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    { incoming: { socket: { remoteAddress: ip } } },
  );
const login = (ip: string, username: string, password: string) =>
  postFrom(ip, "/api/v1/auth/login", { username, password });
const requestCode = (ip: string, phone: string) => postFrom(ip, "/api/v1/auth/otp", { phone });

async function staff(username = `li_${randomBytes(5).toString("hex")}`) {
  const [u] = await h.deps.db
    .insert(users)
    .values({
      username,
      passwordHash,
      role: "bureau",
      displayName: "恭城县就业服务中心",
      regionCode: "450332",
    })
    .returning();
  return u!;
}

const tally = (statuses: number[]) => ({
  401: statuses.filter((s) => s === 401).length,
  429: statuses.filter((s) => s === 429).length,
});

describe("password sign-in limits", () => {
  it("checks at most the per-account limit of 60 parallel wrong passwords and refuses the rest with 429", async () => {
    const u = await staff();
    const ip = address();
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(ip, u.username!, `wrong-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    const t = tally(statuses);
    expect(t[401], statuses.join(",")).toBeLessThanOrEqual(LIMIT_PER_USER);
    expect(t[401] + t[429], statuses.join(",")).toBe(60);
    const bodies = await Promise.all(
      answers.filter((r) => r.status === 429).map((r) => r.json() as Promise<any>),
    );
    for (const b of bodies) expect(b.error.code).toBe("RATE_LIMITED");
    // The right password is refused too while the account is locked.
    expect((await login(address(), u.username!, PASSWORD)).status).toBe(429);
  });

  it("counts İ (U+0130) and other spellings of a name against the same account, and locks them together", async () => {
    const u = await staff();
    const plain = u.username!;
    const dotted = plain.replace("li_", "Lİ_");
    const fullwidth = plain.replace("li_", "ｌｉ_");
    // Every spelling reaches the account.
    for (const name of [dotted, fullwidth, plain.toUpperCase()]) {
      const ok = await json(await login(address(), name, PASSWORD));
      expect(ok.status, `${name}: ${JSON.stringify(ok.body)}`).toBe(200);
      expect(ok.body.user.id).toBe(u.id);
    }
    // Failures under the İ spelling lock the plain name, and the other way round.
    for (let i = 0; i < LIMIT_PER_USER; i++)
      expect((await login(address(), i % 2 ? dotted : fullwidth, `wrong-${i}`)).status).toBe(401);
    const plainRefused = await json(await login(address(), plain, PASSWORD));
    expect(plainRefused.status, JSON.stringify(plainRefused.body)).toBe(429);
    expect((await login(address(), dotted, PASSWORD)).status).toBe(429);
  });

  it("stores usernames in one spelling at creation", async () => {
    const admin = await h.as.admin();
    const name = `Gongcheng_Cadre_${randomBytes(3).toString("hex")}`;
    const created = await json(
      await h.api.post(
        "/api/v1/users",
        {
          username: name,
          password: PASSWORD,
          role: "cadre",
          displayName: "莲花镇帮扶干部",
          regionCode: "450332",
        },
        admin,
      ),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.username).toBe(name.toLowerCase());
    const again = await json(
      await h.api.post(
        "/api/v1/users",
        {
          username: name.toUpperCase(),
          password: PASSWORD,
          role: "cadre",
          displayName: "x",
          regionCode: "450332",
        },
        admin,
      ),
    );
    expect(again.status).toBe(409);
    expect((await login(address(), name.toUpperCase(), PASSWORD)).status).toBe(200);
  });

  it("does not lock other accounts at an address where one account was hammered", async () => {
    const target = await staff();
    const colleague = await staff();
    const office = address();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => login(office, target.username!, `wrong-${i}`)),
    );
    const res = await json(await login(office, colleague.username!, PASSWORD));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it("stops an address trying many accounts: 20 distinct failing names, then new names are refused", async () => {
    const guesser = address();
    const names = await Promise.all(Array.from({ length: 20 }, () => staff()));
    for (const n of names) expect((await login(guesser, n.username!, "wrong")).status).toBe(401);
    const fresh = await staff();
    const refused = await json(await login(guesser, fresh.username!, PASSWORD));
    expect(refused.status, JSON.stringify(refused.body)).toBe(429);
    // A name already counted there may still try (its own account limit applies), and other addresses are untouched.
    expect((await login(guesser, names[0]!.username!, PASSWORD)).status).toBe(200);
    expect((await login(address(), fresh.username!, PASSWORD)).status).toBe(200);
  });
});

describe("one-time code limits", () => {
  async function labourerPhone() {
    const phone = randomPhone();
    await h.deps.db.insert(users).values({
      role: "labourer",
      displayName: "莫秀兰",
      phoneHash: h.deps.pii.hash("phone", phone),
    });
    return phone;
  }
  const codesStored = async (phone: string) =>
    h.deps.db.$count(otpCodes, eq(otpCodes.phoneHash, h.deps.pii.hash("phone", phone)));

  it("accepts at most OTP_MAX_PER_HOUR of 25 parallel requests for one phone", async () => {
    const phone = await labourerPhone();
    const ip = address();
    const statuses = (
      await Promise.all(Array.from({ length: 25 }, () => requestCode(ip, phone)))
    ).map((r) => r.status);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted, statuses.join(",")).toBeLessThanOrEqual(h.config.OTP_MAX_PER_HOUR);
    expect(statuses.filter((s) => s === 429).length, statuses.join(",")).toBe(25 - accepted);
    expect(await codesStored(phone)).toBe(accepted);
    expect(sent.filter((s) => s.phone === phone)).toHaveLength(accepted);
  });

  it("leaves the owner a code after an attacker's address used up its share for the phone", async () => {
    const phone = await labourerPhone();
    const attacker = address();
    for (let i = 0; i < h.config.OTP_MAX_PER_HOUR; i++)
      expect((await requestCode(attacker, phone)).status).toBe(202);
    const refused = await json(await requestCode(attacker, phone));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "RATE_LIMITED", field: "phone" });
    const owner = await json(await requestCode(address(), phone));
    expect(owner.status, JSON.stringify(owner.body)).toBe(202);
    expect(sent.filter((s) => s.phone === phone)).toHaveLength(h.config.OTP_MAX_PER_HOUR + 1);
  });

  it("caps one phone at OTP_MAX_PER_PHONE_PER_HOUR from every address together", async () => {
    const phone = await labourerPhone();
    const cap = h.config.OTP_MAX_PER_PHONE_PER_HOUR;
    const statuses: number[] = [];
    for (let i = 0; i < cap + 3; i++) statuses.push((await requestCode(address(), phone)).status);
    expect(
      statuses.filter((s) => s === 202),
      statuses.join(","),
    ).toHaveLength(cap);
    expect(
      statuses.slice(cap).every((s) => s === 429),
      statuses.join(","),
    ).toBe(true);
  });
});
