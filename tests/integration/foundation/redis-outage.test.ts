/**
 * A Redis outage while the API runs (issue 12): requests guarded by Redis (sign-in, one-time
 * codes) answer 503 SERVICE_UNAVAILABLE promptly instead of hanging, and are not completed when
 * Redis comes back. The app's REDIS_URL points at a TCP proxy in front of the suite's Redis; the
 * test cuts the proxy.
 */
import { randomBytes, randomInt } from "node:crypto";
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { otpCodes, users } from "../../../db/schema/users";
import { hashPassword } from "../../../src/lib/crypto";
import type { OtpSender } from "../../../src/modules/auth/otp-sender";
import { createHarness, eventually, type Harness, json } from "../../support/harness";

const PASSWORD = "Correct-Horse-9";
const sent: { phone: string; code: string }[] = [];
const otpSender: OtpSender = {
  send: async (phone, code) => {
    sent.push({ phone, code });
  },
};

/** A loopback TCP proxy to `target`, on one port that survives stop()/start(). */
function tcpProxy(target: { host: string; port: number }) {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  let port = 0;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  return {
    get port() {
      return port;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        server = net.createServer((client) => {
          const upstream = net.connect(target.port, target.host);
          track(client);
          track(upstream);
          client.pipe(upstream).pipe(client);
          client.on("close", () => upstream.destroy());
          upstream.on("close", () => client.destroy());
        });
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          port = (server!.address() as net.AddressInfo).port;
          resolve();
        });
      }),
    /** Refuses new connections and cuts the open ones, as a dead Redis would. */
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
      }),
  };
}

let h: Harness;
let proxy: ReturnType<typeof tcpProxy>;
let passwordHash: string;

beforeAll(async () => {
  const real = new URL(inject("services").redisUrl);
  proxy = tcpProxy({ host: real.hostname, port: Number(real.port || 6379) });
  await proxy.start();
  const viaProxy = new URL(real);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  h = await createHarness({ redisUrl: viaProxy.toString(), overrides: { otpSender } });
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await proxy.start().catch(() => {}); // close() needs Redis to clean up its queues
  await h?.close();
  await proxy.stop();
});

async function staff() {
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
  return u!;
}

async function labourerPhone() {
  const phone = `137${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
  await h.deps.db.insert(users).values({
    role: "labourer",
    displayName: "莫秀兰",
    phoneHash: h.deps.pii.hash("phone", phone),
  });
  return phone;
}

const login = (username: string) =>
  h.api.post("/api/v1/auth/login", { username, password: PASSWORD });

describe("Redis down while the API runs", () => {
  it("answers sign-in and code requests with 503 SERVICE_UNAVAILABLE and never completes them later", async () => {
    const warm = await staff();
    expect((await login(warm.username!)).status).toBe(200); // through the proxy

    const victim = await staff();
    const phone = await labourerPhone();
    await proxy.stop();
    const [signIn, code] = await Promise.all([
      json(await login(victim.username!)),
      json(await h.api.post("/api/v1/auth/otp", { phone })),
    ]);
    for (const r of [signIn, code]) {
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(r.body.error.message).toMatch(/稍后再试/);
    }

    // Redis back: new requests pass again; the refused ones stay undone.
    await proxy.start();
    await eventually(async () => (await login(warm.username!)).status === 200, 20_000, 200);
    const [row] = await h.deps.db.select().from(users).where(eq(users.id, victim.id));
    expect(row!.lastLoginAt).toBeNull();
    expect(
      await h.deps.db.$count(otpCodes, eq(otpCodes.phoneHash, h.deps.pii.hash("phone", phone))),
    ).toBe(0);
    expect(sent.filter((s) => s.phone === phone)).toEqual([]);
  });
});
