/** One-time codes: the one implementation, for sign-in and for a labourer's new phone. */
import { randomInt } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { otpCodes } from "../../../db/schema/users";
import type { Ctx } from "../../lib/ctx";
import { takeSlots } from "../../lib/rate-limit";

export type OtpPurpose = (typeof otpCodes.$inferSelect)["purpose"];

export interface OtpSubject {
  /** Normalised phone the code goes to. */
  phone: string;
  purpose: OtpPurpose;
  /** The signed-in account asking (phone_change): the code is good for that account only. */
  userId?: string;
}

const codeHash = (ctx: Pick<Ctx, "pii">, phoneHash: string, purpose: OtpPurpose, code: string) =>
  // Sign-in codes keep their original input so codes issued before purposes existed still verify.
  ctx.pii.hash(
    "otp",
    purpose === "login" ? `${phoneHash}:${code}` : `${purpose}:${phoneHash}:${code}`,
  );

const subjectWhere = (phoneHash: string, s: OtpSubject) =>
  and(
    eq(otpCodes.phoneHash, phoneHash),
    eq(otpCodes.purpose, s.purpose),
    s.userId ? eq(otpCodes.userId, s.userId) : isNull(otpCodes.userId),
  );

/** Codes one address may ask for, whatever the phones, per hour (a cadre helping a village). */
const OTP_PER_ADDRESS_PER_HOUR = 30;

/**
 * Stores a new 6-digit code (its HMAC only) and returns it, after the limits every code shares,
 * taken atomically before the code exists (src/lib/rate-limit.ts), per hour:
 * - OTP_MAX_PER_HOUR per phone and address: one address asking for one phone, the limit a
 *   flood from one attacker meets;
 * - OTP_MAX_PER_PHONE_PER_HOUR per phone from all addresses together (well above the first, so
 *   an attacker's address using up its own share leaves the phone's owner theirs): protects the
 *   phone from a flood of texts;
 * - 30 per address whatever the phone.
 * The caller decides whether to send the code.
 */
export async function issueOtp(ctx: Ctx, s: OtpSubject, clientIp: string): Promise<string> {
  const phoneHash = ctx.pii.hash("phone", s.phone);
  const hour = 3600;
  await takeSlots(
    ctx,
    [
      { key: `otp:ip:${clientIp}`, limit: OTP_PER_ADDRESS_PER_HOUR, windowSeconds: hour },
      {
        key: `otp:p:${phoneHash}:ip:${clientIp}`,
        limit: ctx.config.OTP_MAX_PER_HOUR,
        windowSeconds: hour,
      },
      {
        key: `otp:p:${phoneHash}`,
        limit: ctx.config.OTP_MAX_PER_PHONE_PER_HOUR,
        windowSeconds: hour,
      },
    ],
    { message: "验证码发送过于频繁，请一小时后再试", field: "phone" },
  );
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await ctx.db.insert(otpCodes).values({
    purpose: s.purpose,
    userId: s.userId ?? null,
    phoneHash,
    codeHash: codeHash(ctx, phoneHash, s.purpose, code),
    createdAt: ctx.now(),
    expiresAt: new Date(ctx.now().getTime() + ctx.config.OTP_TTL_SECONDS * 1000),
  });
  return code;
}

/** Why a code was not accepted; each caller words it (sign-in answers 401, a signed-in labourer 400). */
export type OtpRefusal = "none" | "expired" | "locked" | "wrong" | "used";

/**
 * Checks `code` against the latest unused code of the subject and consumes it when it matches.
 * At most OTP_MAX_ATTEMPTS tries per code, counted atomically; single use.
 */
export async function consumeOtp(
  ctx: Ctx,
  s: OtpSubject,
  code: string,
): Promise<{ ok: true } | { ok: false; reason: OtpRefusal }> {
  const phoneHash = ctx.pii.hash("phone", s.phone);
  const now = ctx.now();
  const [latest] = await ctx.db
    .select()
    .from(otpCodes)
    .where(and(subjectWhere(phoneHash, s), isNull(otpCodes.consumedAt)))
    .orderBy(sql`${otpCodes.createdAt} desc`)
    .limit(1);
  if (!latest) return { ok: false, reason: "none" };
  if (latest.expiresAt <= now) return { ok: false, reason: "expired" };
  // Take an attempt atomically before comparing: parallel guesses cannot get past the limit
  // between reading `attempts` and writing it back.
  const [slot] = await ctx.db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(
      and(
        eq(otpCodes.id, latest.id),
        isNull(otpCodes.consumedAt),
        lt(otpCodes.attempts, ctx.config.OTP_MAX_ATTEMPTS),
      ),
    )
    .returning({ attempts: otpCodes.attempts });
  if (!slot) return { ok: false, reason: "locked" };
  if (codeHash(ctx, phoneHash, s.purpose, code) !== latest.codeHash)
    return { ok: false, reason: "wrong" };
  // Single use: only the request that flips consumed_at wins.
  const consumed = await ctx.db
    .update(otpCodes)
    .set({ consumedAt: now })
    .where(and(eq(otpCodes.id, latest.id), isNull(otpCodes.consumedAt)))
    .returning({ id: otpCodes.id });
  if (consumed.length === 0) return { ok: false, reason: "used" };
  return { ok: true };
}
