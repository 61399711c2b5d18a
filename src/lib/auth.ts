import { createMiddleware } from "hono/factory";
import { sign, verify } from "hono/jwt";
import { JwtTokenExpired } from "hono/utils/jwt/types";
import { z } from "zod";
import { findSessionState } from "../modules/users/repo";
import type { Actor, Deps, Role, UserActor } from "./ctx";
import { AppError } from "./errors";
import type { AppEnv } from "./http";

const ISSUER = "gangtong";

const SessionClaims = z.object({
  typ: z.literal("session"),
  sub: z.uuid(),
  role: z.enum(["admin", "bureau", "cadre", "employer", "labourer"]),
  rc: z.string().nullable(),
  eid: z.uuid().nullable(),
  lid: z.uuid().nullable(),
  /** users.token_version at issue; tokens from before versions existed read as 0. */
  tv: z.int().nonnegative().default(0),
});

export interface SessionUser {
  id: string;
  role: Role;
  regionCode: string | null;
  employerId: string | null;
  labourerId: string | null;
  /** users.token_version when the session is issued; 0 for a new account. */
  tokenVersion?: number;
}

/** A signed session token (HS256) and its lifetime in seconds. */
export async function issueSession(deps: Pick<Deps, "config" | "now">, user: SessionUser) {
  const ttl =
    user.role === "labourer" ? deps.config.LABOURER_JWT_TTL_SECONDS : deps.config.JWT_TTL_SECONDS;
  const iat = Math.floor(deps.now().getTime() / 1000);
  const token = await sign(
    {
      typ: "session",
      iss: ISSUER,
      sub: user.id,
      role: user.role,
      rc: user.regionCode,
      eid: user.employerId,
      lid: user.labourerId,
      tv: user.tokenVersion ?? 0,
      iat,
      exp: iat + ttl,
    },
    deps.config.secrets.jwtSecret,
    "HS256",
  );
  return { token, expiresIn: ttl };
}

/** Short-lived signed claims for a step between two requests (e.g. binding a WeChat openid). */
export async function signPurpose(
  deps: Pick<Deps, "config" | "now">,
  purpose: string,
  data: Record<string, string>,
  ttlSeconds: number,
) {
  const iat = Math.floor(deps.now().getTime() / 1000);
  return sign(
    { typ: purpose, iss: ISSUER, iat, exp: iat + ttlSeconds, ...data },
    deps.config.secrets.jwtSecret,
    "HS256",
  );
}

export async function verifyPurpose(
  deps: Pick<Deps, "config">,
  purpose: string,
  token: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    const claims = await verify(token, deps.config.secrets.jwtSecret, {
      alg: "HS256",
      iss: ISSUER,
    });
    return claims.typ === purpose ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `Authorization: Bearer …` when present and sets `actor`; a missing header leaves the
 * actor anonymous (routes that need a user say so with requireRole), a bad or expired token is a 401.
 *
 * Revocation: every request with a token reads the account's token_version and disabled_at
 * (one primary-key read, not cached), so sign-out, a disabled account, a new password or a
 * removed phone ends the session on the very next request: 401 for a revoked session, 403
 * ACCOUNT_DISABLED for a disabled account.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  let actor: Actor = { kind: "anonymous" };
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError("UNAUTHENTICATED", "登录凭证格式不正确，请重新登录");
    const deps = c.var.ctx;
    let raw: unknown;
    try {
      raw = await verify(m[1], deps.config.secrets.jwtSecret, { alg: "HS256", iss: ISSUER });
    } catch (err) {
      if (err instanceof JwtTokenExpired)
        throw new AppError("TOKEN_EXPIRED", "登录已过期，请重新登录");
      throw new AppError("UNAUTHENTICATED", "登录凭证无效，请重新登录");
    }
    const claims = SessionClaims.safeParse(raw);
    if (!claims.success) throw new AppError("UNAUTHENTICATED", "登录凭证无效，请重新登录");
    const s = claims.data;
    const state = await findSessionState(deps.db, s.sub);
    if (state?.disabledAt) throw new AppError("ACCOUNT_DISABLED", "该账号已停用，请联系管理员");
    if (!state || state.tokenVersion !== s.tv)
      throw new AppError("UNAUTHENTICATED", "登录已失效，请重新登录");
    actor = {
      kind: "user",
      userId: s.sub,
      role: s.role,
      regionCode: s.rc,
      employerId: s.eid,
      labourerId: s.lid,
    };
  }
  c.set("actor", actor);
  c.set("ctx", { ...c.var.ctx, actor });
  await next();
});

/** 401 without a session; 403 when the user's role is not among `roles`. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    assertRole(c.var.actor, roles);
    await next();
  });
}

export function assertRole(actor: Actor, roles: Role[]): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "请先登录");
  if (!roles.includes(actor.role)) throw new AppError("FORBIDDEN", "当前账号无权进行此操作");
}

export const STAFF_ROLES: Role[] = ["admin", "bureau", "cadre"];
