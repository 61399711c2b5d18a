import { randomInt } from "node:crypto";
import {
  assertRole,
  issueSession,
  type SessionUser,
  signPurpose,
  verifyPurpose,
} from "../../lib/auth";
import { hashPassword, verifyPassword } from "../../lib/crypto";
import type { Ctx, Deps } from "../../lib/ctx";
import { AppError, type ErrorCode } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import { takeSlots } from "../../lib/rate-limit";
import { normalizeUsername } from "../../lib/username";
import {
  bindWechatOpenid,
  bumpTokenVersion,
  findByUsername,
  findByWechatOpenid,
  findLabourerAccountByPhone,
  insertUser,
  touchLastLogin,
  type UserRow,
} from "../users/repo";
import { consumeOtp, issueOtp, type OtpRefusal } from "./otp";

// A valid hash to compare against when the username does not exist, so timing does not tell.
let dummyHash: Promise<string> | undefined;

const toSessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  role: u.role,
  regionCode: u.regionCode,
  employerId: u.employerId,
  labourerId: u.labourerId,
  tokenVersion: u.tokenVersion,
});

export async function sessionFor(deps: Deps, u: UserRow) {
  if (u.disabledAt) throw new AppError("ACCOUNT_DISABLED", "该账号已停用，请联系管理员");
  await touchLastLogin(deps.db, u.id, deps.now());
  const session = await issueSession(deps, toSessionUser(u));
  return {
    ...session,
    user: {
      id: u.id,
      role: u.role,
      displayName: u.displayName,
      regionCode: u.regionCode,
      employerId: u.employerId,
      labourerId: u.labourerId,
    },
  };
}

// Sign-in limits, in LOGIN_WINDOW_S (docs/SECURITY.md). Every try takes a slot before the
// password is compared, atomically, so parallel guesses cannot pass the limit; a successful
// sign-in gives its slots back, so only failures use them up.
// - per username (normalised), from every address: LOGIN_TRIES_PER_USER guesses at one account;
// - per address, counting distinct usernames that failed: LOGIN_FAILED_NAMES_PER_IP. One person
//   mistyping their own password many times counts once, so a county office behind one NAT
//   address is not locked out by it; an address trying many accounts is stopped.
const LOGIN_TRIES_PER_USER = 10;
const LOGIN_FAILED_NAMES_PER_IP = 20;
const LOGIN_WINDOW_S = 15 * 60;

export async function loginWithPassword(
  ctx: Ctx,
  input: { username: string; password: string },
  clientIp: string,
) {
  const username = normalizeUsername(input.username);
  const slots = await takeSlots(
    ctx,
    [
      { key: `login:u:${username}`, limit: LOGIN_TRIES_PER_USER, windowSeconds: LOGIN_WINDOW_S },
      {
        key: `login:ip:${clientIp}`,
        limit: LOGIN_FAILED_NAMES_PER_IP,
        windowSeconds: LOGIN_WINDOW_S,
        member: username,
      },
    ],
    { message: "登录失败次数过多，请 15 分钟后再试" },
  );
  const u = await findByUsername(ctx.db, username);
  const ok = u?.passwordHash
    ? await verifyPassword(input.password, u.passwordHash)
    : (await verifyPassword(input.password, await (dummyHash ??= hashPassword("not-a-password-0"))),
      false);
  if (!u || !ok) throw new AppError("INVALID_CREDENTIALS", "用户名或密码不正确");
  await slots.release();
  return sessionFor(ctx, u);
}

/** Ends every session of the signed-in account, on every device (token_version moves). */
export async function logout(ctx: Ctx): Promise<void> {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer", "labourer"]);
  await bumpTokenVersion(ctx.db, ctx.actor.userId, ctx.now());
}

function normalizeOrThrow(phone: string): string {
  const p = normalizePhone(phone);
  if (!p) throw new AppError("VALIDATION_FAILED", "请输入正确的 11 位手机号码", { field: "phone" });
  return p;
}

/**
 * Sends a 6-digit sign-in code when the phone belongs to a labourer account. The answer is the
 * same either way, so the endpoint cannot be used to find out who is registered.
 */
export async function requestOtp(ctx: Ctx, input: { phone: string }, clientIp: string) {
  const phone = normalizeOrThrow(input.phone);
  const code = await issueOtp(ctx, { phone, purpose: "login" }, clientIp);
  const account = await findLabourerAccountByPhone(ctx.db, ctx.pii.hash("phone", phone), {
    activeOnly: true,
  });
  if (account) await ctx.otpSender.send(phone, code);
  return {
    sent: true as const,
    expiresIn: ctx.config.OTP_TTL_SECONDS,
    message: "如该手机号已登记，验证码已发送，请查看短信",
  };
}

const LOGIN_REFUSAL: Record<OtpRefusal, [ErrorCode, string]> = {
  none: ["OTP_INVALID", "验证码不正确，请重新获取"],
  expired: ["OTP_EXPIRED", "验证码已过期，请重新获取"],
  locked: ["OTP_INVALID", "错误次数过多，请重新获取验证码"],
  wrong: ["OTP_INVALID", "验证码不正确"],
  used: ["OTP_INVALID", "验证码已使用，请重新获取"],
};

export async function verifyOtp(
  ctx: Ctx,
  input: { phone: string; code: string; wechatBindToken?: string },
) {
  const phone = normalizeOrThrow(input.phone);
  const phoneHash = ctx.pii.hash("phone", phone);
  const now = ctx.now();
  const checked = await consumeOtp(ctx, { phone, purpose: "login" }, input.code);
  if (!checked.ok) throw new AppError(...LOGIN_REFUSAL[checked.reason], { field: "code" });
  const u = await findLabourerAccountByPhone(ctx.db, phoneHash);
  if (!u) throw new AppError("OTP_INVALID", "验证码不正确", { field: "code" });
  if (input.wechatBindToken) {
    const claims = await verifyPurpose(ctx, "wechat-bind", input.wechatBindToken);
    if (!claims || typeof claims.openid !== "string") {
      throw new AppError("VALIDATION_FAILED", "微信绑定凭证已失效，请重新从微信打开页面", {
        field: "wechatBindToken",
      });
    }
    const openid = claims.openid;
    // Moving the openid from a previous account and binding it here succeed or fail together.
    await ctx.db.transaction((tx) => bindWechatOpenid(tx, u.id, openid, now));
  }
  return sessionFor(ctx, u);
}

/**
 * WeChat OAuth: a bound openid signs in at once; an unbound one gets WECHAT_NOT_BOUND with a
 * 10-minute bind token that the one-time-code sign-in accepts to bind it.
 */
export async function loginWithWechat(ctx: Ctx, input: { code: string }) {
  const { openid } = await ctx.wechat.exchangeCode(input.code);
  const u = await findByWechatOpenid(ctx.db, openid);
  if (u) return sessionFor(ctx, u);
  const bindToken = await signPurpose(ctx, "wechat-bind", { openid }, 600);
  throw new AppError("WECHAT_NOT_BOUND", "首次使用微信登录，请用登记的手机号验证一次", {
    details: { bindToken },
  });
}

/**
 * The first administrator. With ADMIN_PASSWORD set it is used; otherwise a password is
 * generated and returned once so that `npm start` can print it. Existing admins are left alone.
 */
export async function ensureAdmin(
  deps: Deps,
): Promise<{ created: boolean; username: string; password?: string }> {
  const username = normalizeUsername(deps.config.ADMIN_USERNAME);
  if (await findByUsername(deps.db, username)) return { created: false, username };
  const password = deps.config.ADMIN_PASSWORD ?? generatePassword();
  await insertUser(deps.db, {
    username,
    passwordHash: await hashPassword(password),
    role: "admin",
    displayName: "系统管理员",
  });
  return { created: true, username, ...(deps.config.ADMIN_PASSWORD ? {} : { password }) };
}

function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}
