import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  hashPassword,
  maskIdNumber,
  maskPhone,
  PiiCipher,
  verifyPassword,
} from "../../src/lib/crypto";

const cipher = () => new PiiCipher(randomBytes(32), randomBytes(32));

describe("PiiCipher", () => {
  it("round-trips Chinese text and ID numbers, with a fresh IV every time", () => {
    const c = cipher();
    for (const plain of ["451027199001015253", "13807712345", "莫 秀 兰", ""]) {
      const a = c.encrypt(plain);
      const b = c.encrypt(plain);
      expect(a).toMatch(/^v1\./);
      expect(a).not.toBe(b);
      expect(a).not.toContain(plain || "\u0000");
      expect(c.decrypt(a)).toBe(plain);
      expect(c.decrypt(b)).toBe(plain);
    }
  });

  it("never reuses an IV, also across refills of its pool of random bytes", () => {
    const c = cipher();
    const ivs = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const stored = c.encrypt(`4510271990010152${i}`);
      ivs.add(Buffer.from(stored.slice(3), "base64").subarray(0, 12).toString("hex"));
      expect(c.decrypt(stored)).toBe(`4510271990010152${i}`);
    }
    expect(ivs.size).toBe(1_000);
  });

  it("detects a flipped byte anywhere in iv, tag or ciphertext", () => {
    const c = cipher();
    const stored = c.encrypt("451027199001015253");
    const raw = Buffer.from(stored.slice(3), "base64");
    for (const at of [0, 11, 12, 27, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at]! ^= 0x01;
      expect(() => c.decrypt(`v1.${bad.toString("base64")}`), `byte ${at}`).toThrow();
    }
  });

  it("refuses another key's ciphertext, an unknown version and a truncated value", () => {
    const stored = cipher().encrypt("13807712345");
    expect(() => cipher().decrypt(stored)).toThrow();
    expect(() => cipher().decrypt(`v2.${stored.slice(3)}`)).toThrow(/version/);
    expect(() => cipher().decrypt("v1.AAAA")).toThrow();
  });

  it("hashes deterministically, per key, and separates domains", () => {
    const enc = randomBytes(32);
    const hmac = randomBytes(32);
    const a = new PiiCipher(enc, hmac);
    const b = new PiiCipher(randomBytes(32), hmac);
    expect(a.hash("phone", "13807712345")).toBe(a.hash("phone", "13807712345"));
    expect(a.hash("phone", "13807712345")).toBe(b.hash("phone", "13807712345"));
    expect(a.hash("phone", "13807712345")).not.toBe(a.hash("phone", "13807712346"));
    expect(a.hash("phone", "13807712345")).not.toBe(a.hash("id", "13807712345"));
    expect(a.hash("otp", "x")).not.toBe(a.hash("credit", "x"));
    expect(new PiiCipher(enc, randomBytes(32)).hash("phone", "13807712345")).not.toBe(
      a.hash("phone", "13807712345"),
    );
    expect(a.hash("id", "451027199001015253")).toMatch(/^[\w-]{43}$/);
  });

  it("requires 32-byte keys", () => {
    expect(() => new PiiCipher(randomBytes(16), randomBytes(32))).toThrow(/32 bytes/);
    expect(() => new PiiCipher(randomBytes(32), randomBytes(31))).toThrow(/32 bytes/);
  });
});

describe("passwords", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("正确的密码 correct horse");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword("正确的密码 correct horse", stored)).toBe(true);
    expect(await verifyPassword("正确的密码 correct hors", stored)).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("normalises full-width input the way a Chinese keyboard may send it", async () => {
    const stored = await hashPassword("Password123");
    expect(await verifyPassword("Ｐａｓｓｗｏｒｄ１２３", stored)).toBe(true);
  });

  it("answers false, never throws, for stored values it does not understand", async () => {
    for (const stored of [
      "",
      "plain",
      "bcrypt$x$y",
      "scrypt$1$2$3$$",
      "scrypt$16384$8$1$c2FsdA$",
      "scrypt$3$8$1$c2FsdA$aGFzaA",
      "scrypt$abc$8$1$c2FsdA$aGFzaA",
    ]) {
      expect(await verifyPassword("anything", stored), stored).toBe(false);
    }
  });
});

describe("masks", () => {
  it.each([
    ["451027199001015253", "451027********5253"],
    ["45102719900101525X", "451027********525X"],
    ["451027900101525", "451027*****1525"],
    ["12345", "*****"],
  ])("maskIdNumber(%s) = %s", (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each([
    ["13807712345", "138****2345"],
    ["123456", "******"],
  ])("maskPhone(%s) = %s", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});
