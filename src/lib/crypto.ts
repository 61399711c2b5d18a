import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
  randomFillSync,
  scrypt,
  timingSafeEqual,
} from "node:crypto";
import { promisify } from "node:util";

const IV_BYTES = 12;

/**
 * Personal data at rest: AES-256-GCM ciphertext for reading back, a keyed HMAC-SHA256 for
 * uniqueness and lookup (the same plaintext always gives the same hash; without the key it
 * cannot be brute-forced from the small space of ID and phone numbers).
 */
export class PiiCipher {
  /** Key objects made once: createCipheriv/createHmac then skip importing the raw key per call. */
  private readonly encKey: KeyObject;
  private readonly hmacKey: KeyObject;
  /**
   * Fresh IVs, drawn from the CSPRNG 256 at a time (one randomBytes(12) per call cost as much as
   * the encryption itself in a bulk import). Each 12-byte slice is used for exactly one message.
   */
  private readonly ivPool = Buffer.alloc(IV_BYTES * 256);
  private ivAt = this.ivPool.length;

  constructor(encKey: Buffer, hmacKey: Buffer) {
    if (encKey.length !== 32 || hmacKey.length !== 32) throw new Error("PII keys must be 32 bytes");
    this.encKey = createSecretKey(encKey);
    this.hmacKey = createSecretKey(hmacKey);
  }

  private nextIv(): Buffer {
    if (this.ivAt + IV_BYTES > this.ivPool.length) {
      randomFillSync(this.ivPool);
      this.ivAt = 0;
    }
    const iv = this.ivPool.subarray(this.ivAt, this.ivAt + IV_BYTES);
    this.ivAt += IV_BYTES;
    return iv;
  }

  /** `v1.` + base64(iv[12] | tag[16] | ciphertext). */
  encrypt(plaintext: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64")}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith("v1.")) throw new Error("unknown ciphertext version");
    const raw = Buffer.from(stored.slice(3), "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + 16));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + 16)), decipher.final()]).toString(
      "utf8",
    );
  }

  /** Domain-separated keyed hash: `kind` keeps an ID number and a phone from ever colliding. */
  hash(kind: "id" | "phone" | "otp" | "credit", value: string): string {
    return createHmac("sha256", this.hmacKey).update(`${kind}:${value}`).digest("base64url");
  }
}

/** 451027199001015253 → 451027********5253 */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return "*".repeat(id.length);
  return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
// OWASP-recommended scrypt cost (N=2^17, r=8, p=1): ≈ 128 MiB and ~0.3 s per hash on this machine.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

/**
 * The work factor for new hashes (2^logN). Production keeps the default; the test suite lowers it
 * (PASSWORD_SCRYPT_LOG_N) so hundreds of sign-ins on a shared 2-core machine stay quick. Existing
 * hashes keep their own parameters, so changing it never locks anyone out.
 */
export function setPasswordCost(logN: number): void {
  SCRYPT.N = 2 ** logN;
}

/** `scrypt$N$r$p$salt$hash`, all base64url; parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password.normalize("NFKC"), salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  try {
    const actual = await scryptAsync(
      password.normalize("NFKC"),
      Buffer.from(salt, "base64url"),
      expected.length,
      {
        N: Number(n),
        r: Number(r),
        p: Number(p),
        maxmem: 256 * 1024 * 1024,
      },
    );
    return timingSafeEqual(actual, expected);
  } catch {
    // Parameters scrypt refuses (a damaged or hand-edited row) mean "no match", not a 500.
    return false;
  }
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64");
}
