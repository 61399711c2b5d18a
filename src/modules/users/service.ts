import { users } from "../../../db/schema/users";
import { assertRole } from "../../lib/auth";
import { hashPassword } from "../../lib/crypto";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { afterKeyset, decodeCursor, pageOf } from "../../lib/keyset";
import { assertWritableRegion, regionScopeSql } from "../../lib/scope";
import { normalizeUsername } from "../../lib/username";
import { canonicalRegionCode, levelOf } from "../regions/codes";
import { findRegion } from "../regions/repo";
import { findUser, insertUser, listStaff } from "./repo";

export interface CreateStaffInput {
  username: string;
  password: string;
  role: "admin" | "bureau" | "cadre";
  displayName: string;
  regionCode?: string;
}

const LEVELS_FOR: Record<"bureau" | "cadre", string[]> = {
  bureau: ["province", "city", "county"],
  cadre: ["county", "township"],
};

/** Admins create any staff account; bureau users create bureau and cadre accounts inside their region. */
export async function createStaffUser(ctx: Ctx, input: CreateStaffInput) {
  assertRole(ctx.actor, ["admin", "bureau"]);
  if (input.role === "admin" && ctx.actor.role !== "admin")
    throw new AppError("FORBIDDEN", "只有系统管理员可以创建管理员账号", { field: "role" });
  let regionCode: string | null = null;
  if (input.role !== "admin") {
    const code = input.regionCode && canonicalRegionCode(input.regionCode);
    if (!code)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "regionCode" });
    const level = levelOf(code);
    if (!level || !LEVELS_FOR[input.role].includes(level)) {
      throw new AppError(
        "VALIDATION_FAILED",
        input.role === "bureau"
          ? "人社部门账号须对应省、市或县级区划"
          : "帮扶干部账号须对应县级或乡镇级区划",
        { field: "regionCode" },
      );
    }
    if (!(await findRegion(ctx.db, code)))
      throw new AppError("VALIDATION_FAILED", "行政区划代码不存在", { field: "regionCode" });
    assertWritableRegion(ctx.actor, code);
    regionCode = code;
  }
  const row = await insertUser(ctx.db, {
    username: normalizeUsername(input.username),
    passwordHash: await hashPassword(input.password),
    role: input.role,
    displayName: input.displayName,
    regionCode,
  });
  if (!row) throw new AppError("CONFLICT", "用户名已被使用", { field: "username" });
  return row;
}

/** Staff accounts visible to the caller: admins see all, bureau users those inside their region. */
export async function listStaffUsers(ctx: Ctx, input: { cursor?: string; limit: number }) {
  assertRole(ctx.actor, ["admin", "bureau"]);
  const after = decodeCursor(input.cursor);
  const rows = await listStaff(ctx.db, {
    scope: ctx.actor.role !== "admin" ? regionScopeSql(ctx.actor, users.regionCode) : undefined,
    after: afterKeyset(users.createdAt, users.id, after),
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit);
}

export async function getMe(ctx: Ctx) {
  assertRole(ctx.actor, ["admin", "bureau", "cadre", "employer", "labourer"]);
  const u = await findUser(ctx.db, ctx.actor.userId);
  if (!u) throw new AppError("UNAUTHENTICATED", "账号不存在，请重新登录");
  // Sessions are stateless until they expire (labourers: 30 days); here at least a disabled account is told.
  if (u.disabledAt) throw new AppError("ACCOUNT_DISABLED", "该账号已停用，请联系管理员");
  return u;
}
