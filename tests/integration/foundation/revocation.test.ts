/**
 * Sessions end server-side (issue 12): sign-out, a disabled account, a new password and a
 * removed or changed labourer phone stop a token on the very next request, on every route.
 */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema/users";
import { hashPassword } from "../../../src/lib/crypto";
import { type AuthAs, createHarness, type Harness, json } from "../../support/harness";
import { asLabourer, makeLabourer, phoneNumber } from "../labourers/factory";

const PASSWORD = "Correct-Horse-9";

let h: Harness;
let passwordHash: string;
beforeAll(async () => {
  h = await createHarness();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await h?.close();
});

/** A bureau user signed in through the API, and its bearer headers. */
async function signedInStaff(): Promise<{ id: string; username: string; as: AuthAs }> {
  const username = `staff_${randomBytes(5).toString("hex")}`;
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
  const { status, body } = await json(
    await h.api.post("/api/v1/auth/login", { username, password: PASSWORD }),
  );
  expect(status, JSON.stringify(body)).toBe(200);
  return {
    id: u!.id,
    username,
    as: { headers: { authorization: `Bearer ${body.token}` }, userId: u!.id },
  };
}

/** A route other than /me, so the check is the middleware's, not one handler's. */
const listLabourers = (as: AuthAs) => h.api.get("/api/v1/labourers?limit=1", as);

describe("revoking sessions", () => {
  it("signs out with POST /api/v1/auth/logout: the token stops working, a new sign-in works", async () => {
    const s = await signedInStaff();
    expect((await listLabourers(s.as)).status).toBe(200);
    const out = await h.api.post("/api/v1/auth/logout", undefined, s.as);
    expect(out.status, await out.clone().text()).toBe(204);
    const after = await json(await listLabourers(s.as));
    expect(after.status, JSON.stringify(after.body)).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHENTICATED");
    expect((await h.api.get("/api/v1/me", s.as)).status).toBe(401);
    expect((await h.api.post("/api/v1/auth/logout", undefined, s.as)).status).toBe(401);
    expect(
      (await h.api.post("/api/v1/auth/login", { username: s.username, password: PASSWORD })).status,
    ).toBe(200);
  });

  it("refuses the token of an account disabled after sign-in on every route, and for good once re-enabled", async () => {
    const s = await signedInStaff();
    await h.deps.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, s.id));
    const refused = await json(await listLabourers(s.as));
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.code).toBe("ACCOUNT_DISABLED");
    await h.deps.db.update(users).set({ disabledAt: null }).where(eq(users.id, s.id));
    const stale = await json(await listLabourers(s.as));
    expect(stale.status, JSON.stringify(stale.body)).toBe(401);
    expect(stale.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("ends sessions issued before a password change", async () => {
    const s = await signedInStaff();
    await h.deps.db
      .update(users)
      .set({ passwordHash: await hashPassword("Another-Horse-10") })
      .where(eq(users.id, s.id));
    const res = await json(await listLabourers(s.as));
    expect(res.status, JSON.stringify(res.body)).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("leaves sessions alone when nothing they vouch for changed (a sign-in elsewhere)", async () => {
    const s = await signedInStaff();
    expect(
      (await h.api.post("/api/v1/auth/login", { username: s.username, password: PASSWORD })).status,
    ).toBe(200);
    expect((await listLabourers(s.as)).status).toBe(200);
  });

  it("ends a labourer's session when staff remove or change the phone on the record", async () => {
    for (const phone of [null, phoneNumber()]) {
      const l = await makeLabourer(h);
      const me = await asLabourer(h, l.id);
      expect((await h.api.get("/api/v1/labourers/me", me)).status).toBe(200);
      const edit = await json(
        await h.api.patch(`/api/v1/labourers/${l.id}`, { phone }, await h.as.bureau("450332")),
      );
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      const res = await json(await h.api.get("/api/v1/labourers/me", me));
      expect(res.status, `phone ${phone}: ${JSON.stringify(res.body)}`).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses a token whose account no longer exists", async () => {
    const s = await signedInStaff();
    await h.deps.db.delete(users).where(eq(users.id, s.id));
    expect((await listLabourers(s.as)).status).toBe(401);
  });
});
