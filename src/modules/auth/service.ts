import { randomInt } from "node:crypto";
import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { otpCodes, users } from "../../../db/schema/users";
import { issueSession, signPurpose, verifyPurpose, type SessionUser } from "../../lib/auth";
import { hashPassword, verifyPassword } from "../../lib/crypto";
import type { Ctx, Deps } from "../../lib/ctx";
import { AppError, type ErrorCode } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import { assertUnderLimit, hitRateLimit, recordFailure } from "../../lib/rate-limit";

type UserRow = typeof users.$inferSelect;

// A valid hash to compare against when the username does not exist, so timing does not tell.
let dummyHash: Promise<string> | undefined;

const toSessionUser = (u: UserRow): SessionUser => ({
  id: u.id, role: u.role, regionCode: u.regionCode, employerId: u.employerId, labourerId: u.labourerId,
});

export async function sessionFor(deps: Deps, u: UserRow) {
  if (u.disabledAt) throw new AppError("ACCOUNT_DISABLED", "该账号已停用，请联系管理员");
  await deps.db.update(users).set({ lastLoginAt: deps.now() }).where(eq(users.id, u.id));
  const session = await issueSession(deps, toSessionUser(u));
  return {
    ...session,
    user: { id: u.id, role: u.role, displayName: u.displayName, regionCode: u.regionCode, employerId: u.employerId, labourerId: u.labourerId },
  };
}

// Failed sign-ins allowed per account and per address in LOGIN_WINDOW_S. Only failures count:
// a township office behind one NAT address signs in dozens of staff every morning.
const LOGIN_FAILURES_PER_USER = 10;
const LOGIN_FAILURES_PER_IP = 50;
const LOGIN_WINDOW_S = 15 * 60;

export async function loginWithPassword(ctx: Ctx, input: { username: string; password: string }, clientIp: string) {
  // Per account and per address: slows guessing without letting one address lock out an account.
  const userKey = `login:u:${input.username.toLowerCase()}`;
  const ipKey = `login:ip:${clientIp}`;
  await assertUnderLimit(ctx, userKey, LOGIN_FAILURES_PER_USER, "登录失败次数过多，请 15 分钟后再试");
  await assertUnderLimit(ctx, ipKey, LOGIN_FAILURES_PER_IP, "登录失败次数过多，请 15 分钟后再试");
  const [u] = await ctx.db.select().from(users).where(sql`lower(${users.username}) = lower(${input.username})`).limit(1);
  const ok = u?.passwordHash
    ? await verifyPassword(input.password, u.passwordHash)
    : (await verifyPassword(input.password, await (dummyHash ??= hashPassword("not-a-password-0"))), false);
  if (!u || !ok) {
    await Promise.all([recordFailure(ctx, userKey, LOGIN_WINDOW_S), recordFailure(ctx, ipKey, LOGIN_WINDOW_S)]);
    throw new AppError("INVALID_CREDENTIALS", "用户名或密码不正确");
  }
  return sessionFor(ctx, u);
}

function normalizeOrThrow(phone: string): string {
  const p = normalizePhone(phone);
  if (!p) throw new AppError("VALIDATION_FAILED", "请输入正确的 11 位手机号码", { field: "phone" });
  return p;
}

// ---- one-time codes: the one implementation, for sign-in and for a labourer's new phone ----

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
  ctx.pii.hash("otp", purpose === "login" ? `${phoneHash}:${code}` : `${purpose}:${phoneHash}:${code}`);

const subjectWhere = (phoneHash: string, s: OtpSubject) => and(
  eq(otpCodes.phoneHash, phoneHash), eq(otpCodes.purpose, s.purpose),
  s.userId ? eq(otpCodes.userId, s.userId) : isNull(otpCodes.userId),
);

/**
 * Stores a new 6-digit code (its HMAC only) and returns it, after the limits every code shares:
 * 30 an hour per address, OTP_MAX_PER_HOUR an hour per phone whatever the purpose (the limit
 * protects the phone's owner from a flood of texts). The caller decides whether to send it.
 */
export async function issueOtp(ctx: Ctx, s: OtpSubject, clientIp: string): Promise<string> {
  const phoneHash = ctx.pii.hash("phone", s.phone);
  await hitRateLimit(ctx, `otp:ip:${clientIp}`, 30, 3600);
  const since = new Date(ctx.now().getTime() - 3600_000);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneHash, phoneHash), gt(otpCodes.createdAt, since)));
  if (n >= ctx.config.OTP_MAX_PER_HOUR) {
    throw new AppError("RATE_LIMITED", "验证码发送过于频繁，请一小时后再试", { field: "phone" });
  }
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
export async function consumeOtp(ctx: Ctx, s: OtpSubject, code: string): Promise<{ ok: true } | { ok: false; reason: OtpRefusal }> {
  const phoneHash = ctx.pii.hash("phone", s.phone);
  const now = ctx.now();
  const [latest] = await ctx.db.select().from(otpCodes)
    .where(and(subjectWhere(phoneHash, s), isNull(otpCodes.consumedAt)))
    .orderBy(sql`${otpCodes.createdAt} desc`).limit(1);
  if (!latest) return { ok: false, reason: "none" };
  if (latest.expiresAt <= now) return { ok: false, reason: "expired" };
  // Take an attempt atomically before comparing: parallel guesses cannot get past the limit
  // between reading `attempts` and writing it back.
  const [slot] = await ctx.db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, latest.id), isNull(otpCodes.consumedAt), lt(otpCodes.attempts, ctx.config.OTP_MAX_ATTEMPTS)))
    .returning({ attempts: otpCodes.attempts });
  if (!slot) return { ok: false, reason: "locked" };
  if (codeHash(ctx, phoneHash, s.purpose, code) !== latest.codeHash) return { ok: false, reason: "wrong" };
  // Single use: only the request that flips consumed_at wins.
  const consumed = await ctx.db.update(otpCodes).set({ consumedAt: now })
    .where(and(eq(otpCodes.id, latest.id), isNull(otpCodes.consumedAt))).returning({ id: otpCodes.id });
  if (consumed.length === 0) return { ok: false, reason: "used" };
  return { ok: true };
}

/**
 * Sends a 6-digit sign-in code when the phone belongs to a labourer account. The answer is the
 * same either way, so the endpoint cannot be used to find out who is registered.
 */
export async function requestOtp(ctx: Ctx, input: { phone: string }, clientIp: string) {
  const phone = normalizeOrThrow(input.phone);
  const code = await issueOtp(ctx, { phone, purpose: "login" }, clientIp);
  const [account] = await ctx.db.select({ id: users.id }).from(users)
    .where(and(eq(users.phoneHash, ctx.pii.hash("phone", phone)), eq(users.role, "labourer"), isNull(users.disabledAt))).limit(1);
  if (account) await ctx.otpSender.send(phone, code);
  return { sent: true as const, expiresIn: ctx.config.OTP_TTL_SECONDS, message: "如该手机号已登记，验证码已发送，请查看短信" };
}

const LOGIN_REFUSAL: Record<OtpRefusal, [ErrorCode, string]> = {
  none: ["OTP_INVALID", "验证码不正确，请重新获取"],
  expired: ["OTP_EXPIRED", "验证码已过期，请重新获取"],
  locked: ["OTP_INVALID", "错误次数过多，请重新获取验证码"],
  wrong: ["OTP_INVALID", "验证码不正确"],
  used: ["OTP_INVALID", "验证码已使用，请重新获取"],
};

export async function verifyOtp(ctx: Ctx, input: { phone: string; code: string; wechatBindToken?: string }) {
  const phone = normalizeOrThrow(input.phone);
  const phoneHash = ctx.pii.hash("phone", phone);
  const now = ctx.now();
  const checked = await consumeOtp(ctx, { phone, purpose: "login" }, input.code);
  if (!checked.ok) throw new AppError(...LOGIN_REFUSAL[checked.reason], { field: "code" });
  const [u] = await ctx.db.select().from(users).where(and(eq(users.phoneHash, phoneHash), eq(users.role, "labourer"))).limit(1);
  if (!u) throw new AppError("OTP_INVALID", "验证码不正确", { field: "code" });
  if (input.wechatBindToken) {
    const claims = await verifyPurpose(ctx, "wechat-bind", input.wechatBindToken);
    if (!claims || typeof claims.openid !== "string") {
      throw new AppError("VALIDATION_FAILED", "微信绑定凭证已失效，请重新从微信打开页面", { field: "wechatBindToken" });
    }
    const openid = claims.openid;
    // Moving the openid from a previous account and binding it here succeed or fail together.
    await ctx.db.transaction(async (tx) => {
      await tx.update(users).set({ wechatOpenid: null, updatedAt: now }).where(and(eq(users.wechatOpenid, openid), ne(users.id, u.id)));
      await tx.update(users).set({ wechatOpenid: openid, updatedAt: now }).where(eq(users.id, u.id));
    });
  }
  return sessionFor(ctx, u);
}

/**
 * WeChat OAuth: a bound openid signs in at once; an unbound one gets WECHAT_NOT_BOUND with a
 * 10-minute bind token that the one-time-code sign-in accepts to bind it.
 */
export async function loginWithWechat(ctx: Ctx, input: { code: string }) {
  const { openid } = await ctx.wechat.exchangeCode(input.code);
  const [u] = await ctx.db.select().from(users).where(eq(users.wechatOpenid, openid)).limit(1);
  if (u) return sessionFor(ctx, u);
  const bindToken = await signPurpose(ctx, "wechat-bind", { openid }, 600);
  throw new AppError("WECHAT_NOT_BOUND", "首次使用微信登录，请用登记的手机号验证一次", { details: { bindToken } });
}

/**
 * The first administrator. With ADMIN_PASSWORD set it is used; otherwise a password is
 * generated and returned once so that `npm start` can print it. Existing admins are left alone.
 */
export async function ensureAdmin(deps: Deps): Promise<{ created: boolean; username: string; password?: string }> {
  const username = deps.config.ADMIN_USERNAME;
  const [existing] = await deps.db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`).limit(1);
  if (existing) return { created: false, username };
  const password = deps.config.ADMIN_PASSWORD ?? generatePassword();
  await deps.db.insert(users).values({
    username, passwordHash: await hashPassword(password), role: "admin", displayName: "系统管理员",
  }).onConflictDoNothing();
  return { created: true, username, ...(deps.config.ADMIN_PASSWORD ? {} : { password }) };
}

function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}
