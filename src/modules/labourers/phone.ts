import type { Executor } from "../../../db/client";
import { writeAudit } from "../../lib/audit";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError, type ErrorCode } from "../../lib/errors";
import { hitRateLimit } from "../../lib/rate-limit";
import { consumeOtp, issueOtp, type OtpRefusal } from "../auth/otp";
import {
  findLabourer,
  findPhoneHolder,
  type LabourerRow,
  lockLabourer,
  lockPhone,
  otherLabourerWithPhone,
} from "./repo";
import { checkPhone, orThrow } from "./rules";
import { changeLabourer } from "./write";

/**
 * A labourer changing their own phone proves they hold the new one: a code goes to the new
 * phone (`POST /labourers/me/phone/code`), and `POST /labourers/me/phone` with that code makes
 * the change through the registry's one change path (changeLabourer: ciphertext, HMAC, mask,
 * sign-in account), audited. Staff changing a phone (PATCH /labourers/{id}) confirm in person.
 */

export const PHONE_CODE_PATH = "/api/v1/labourers/me/phone/code";

const notFound = () => new AppError("LABOURER_NOT_FOUND", "登记人员不存在");

function me(ctx: Ctx): { userId: string; labourerId: string } {
  assertRole(ctx.actor, ["labourer"]);
  if (!ctx.actor.labourerId) throw notFound();
  return { userId: ctx.actor.userId, labourerId: ctx.actor.labourerId };
}

/** PATCH /labourers/me names `phone`: the answer says where a phone change goes now. */
export function phoneChangeNeedsCode(): AppError {
  return new AppError(
    "PHONE_CHANGE_NEEDS_CODE",
    "修改手机号需要验证新号码：请先获取发到新手机号的验证码，再提交验证码完成修改",
    {
      field: "phone",
      details: {
        requestCode: `POST ${PHONE_CODE_PATH}`,
        confirm: "POST /api/v1/labourers/me/phone",
      },
    },
  );
}

/**
 * Sends a code to the new phone. The answer does not depend on whether the phone is free: a
 * taken phone is refused at confirmation, after its holder's code has proved the asker has it.
 * Limits: those of every code (issueOtp) plus OTP_MAX_PER_HOUR an hour per account, so one
 * signed-in labourer cannot text a list of numbers.
 */
export async function requestPhoneChangeCode(ctx: Ctx, input: { phone: string }, clientIp: string) {
  const { userId, labourerId } = me(ctx);
  const phone = orThrow(checkPhone(input.phone));
  const row = await findLabourer(ctx.db, labourerId);
  if (!row) throw notFound();
  if (row.l.phoneHash === ctx.pii.hash("phone", phone)) {
    throw new AppError("VALIDATION_FAILED", "新手机号与当前登记的手机号相同", {
      field: "phone",
      details: { reason: "same_phone" },
    });
  }
  await hitRateLimit(ctx, `otp:change:u:${userId}`, ctx.config.OTP_MAX_PER_HOUR, 3600);
  const code = await issueOtp(ctx, { phone, purpose: "phone_change", userId }, clientIp);
  await ctx.otpSender.send(phone, code);
  return {
    sent: true as const,
    expiresIn: ctx.config.OTP_TTL_SECONDS,
    message: "验证码已发送到新手机号，请查看短信",
  };
}

const REFUSAL: Record<OtpRefusal, [ErrorCode, string]> = {
  none: ["PHONE_CODE_INVALID", "验证码不正确，请先获取发到新手机号的验证码"],
  expired: ["PHONE_CODE_EXPIRED", "验证码已过期，请重新获取"],
  locked: ["PHONE_CODE_INVALID", "错误次数过多，请重新获取验证码"],
  wrong: ["PHONE_CODE_INVALID", "验证码不正确"],
  used: ["PHONE_CODE_INVALID", "验证码已使用，请重新获取"],
};

/**
 * Whether another person has this phone: another labourer's record carries it (a family's
 * shared phone included), or another account signs in with it. Either way binding it here
 * would leave two people on one number, and this account without a phone sign-in.
 */
async function phoneTaken(db: Executor, phoneHash: string, labourerId: string): Promise<boolean> {
  return (
    (await otherLabourerWithPhone(db, phoneHash, labourerId)) ||
    !!(await findPhoneHolder(db, phoneHash, labourerId))
  );
}

/** Checks the code, then changes the phone; the code is spent even when the phone is refused. */
export async function confirmPhoneChange(
  ctx: Ctx,
  input: { phone: string; code: string },
): Promise<LabourerRow> {
  const { userId, labourerId } = me(ctx);
  const phone = orThrow(checkPhone(input.phone));
  const checked = await consumeOtp(ctx, { phone, purpose: "phone_change", userId }, input.code);
  if (!checked.ok) throw new AppError(...REFUSAL[checked.reason], { field: "code" });
  const phoneHash = ctx.pii.hash("phone", phone);
  await ctx.db.transaction(async (tx) => {
    // Two people confirming the same new phone at once: the second waits, then sees it taken.
    await lockPhone(tx, phoneHash);
    const existing = await lockLabourer(tx, labourerId);
    if (!existing) throw notFound();
    if (await phoneTaken(tx, phoneHash, labourerId)) {
      throw new AppError(
        "PHONE_TAKEN",
        "该手机号已登记在其他人名下，不能绑定；如确是本人号码，请联系村（社区）帮扶干部核实",
        { field: "phone" },
      );
    }
    const { row, changed } = await changeLabourer(ctx, tx, existing, { phone });
    if (!changed) return;
    await writeAudit(tx, {
      at: ctx.now(),
      actorUserId: userId,
      actorRole: "labourer",
      action: "labourer.phone.changed",
      entityType: "labourer",
      entityId: labourerId,
      requestId: ctx.requestId,
      details: { via: "sms_code_to_new_phone", from: existing.phoneMasked, to: row.phoneMasked },
    });
  });
  return (await findLabourer(ctx.db, labourerId))!;
}
