import { createMiddleware } from "hono/factory";
import { sign, verify } from "hono/jwt";
import { JwtTokenExpired } from "hono/utils/jwt/types";
import { z } from "zod";
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
});

export interface SessionUser {
  id: string;
  role: Role;
  regionCode: string | null;
  employerId: string | null;
  labourerId: string | null;
}

/** A signed session token (HS256) and its lifetime in seconds. */
export async function issueSession(deps: Pick<Deps, "config" | "now">, user: SessionUser) {
  const ttl = user.role === "labourer" ? deps.config.LABOURER_JWT_TTL_SECONDS : deps.config.JWT_TTL_SECONDS;
  const iat = Math.floor(deps.now().getTime() / 1000);
  const token = await sign(
    { typ: "session", iss: ISSUER, sub: user.id, role: user.role, rc: user.regionCode, eid: user.employerId, lid: user.labourerId, iat, exp: iat + ttl },
    deps.config.secrets.jwtSecret,
    "HS256",
  );
  return { token, expiresIn: ttl };
}

/** Short-lived signed claims for a step between two requests (e.g. binding a WeChat openid). */
export async function signPurpose(deps: Pick<Deps, "config" | "now">, purpose: string, data: Record<string, string>, ttlSeconds: number) {
  const iat = Math.floor(deps.now().getTime() / 1000);
  return sign({ typ: purpose, iss: ISSUER, iat, exp: iat + ttlSeconds, ...data }, deps.config.secrets.jwtSecret, "HS256");
}

export async function verifyPurpose(deps: Pick<Deps, "config">, purpose: string, token: string): Promise<Record<string, unknown> | undefined> {
  try {
    const claims = await verify(token, deps.config.secrets.jwtSecret, { alg: "HS256", iss: ISSUER });
    return claims.typ === purpose ? claims : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `Authorization: Bearer …` when present and sets `actor`; a missing header leaves the
 * actor anonymous (routes that need a user say so with requireRole), a bad or expired token is a 401.
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
      if (err instanceof JwtTokenExpired) throw new AppError("TOKEN_EXPIRED", "登录已过期，请重新登录");
      throw new AppError("UNAUTHENTICATED", "登录凭证无效，请重新登录");
    }
    const claims = SessionClaims.safeParse(raw);
    if (!claims.success) throw new AppError("UNAUTHENTICATED", "登录凭证无效，请重新登录");
    const s = claims.data;
    actor = { kind: "user", userId: s.sub, role: s.role, regionCode: s.rc, employerId: s.eid, labourerId: s.lid };
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
