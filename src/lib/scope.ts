import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Actor } from "./ctx";
import { AppError, type ErrorCode } from "./errors";

/**
 * Region scoping. Region codes are stored in short canonical form (45, 4503, 450332, 450332100),
 * so "inside my region" is a prefix test, in TypeScript and in SQL alike.
 *
 * Returns the prefix the actor is confined to: "" for everything (admin, system),
 * the region code for bureau and cadre users, and null for actors with no region access at all
 * (employers and labourers see records through ownership, never through a region).
 */
export function regionPrefix(actor: Actor): string | null {
  if (actor.kind === "system") return "";
  if (actor.kind !== "user") return null;
  if (actor.role === "admin") return "";
  if (actor.role === "bureau" || actor.role === "cadre") {
    // Only a well-formed code is a prefix: an empty one would match everything, and a `%` or `_`
    // would act as a LIKE wildcard in regionScopeSql.
    const code = actor.regionCode;
    return typeof code === "string" && /^\d{2,12}$/.test(code) ? code : null;
  }
  return null;
}

export function inRegionScope(actor: Actor, regionCode: string | null | undefined): boolean {
  const prefix = regionPrefix(actor);
  if (prefix === null) return false;
  if (prefix === "") return true;
  return typeof regionCode === "string" && regionCode.startsWith(prefix);
}

/**
 * A WHERE condition confining `column` to the actor's region; every region-scoped list query
 * uses it. Actors without region access get a condition that matches nothing.
 */
export function regionScopeSql(actor: Actor, column: AnyColumn | SQL): SQL {
  const prefix = regionPrefix(actor);
  if (prefix === null) return sql`false`;
  if (prefix === "") return sql`true`;
  return sql`${column} like ${`${prefix}%`}`;
}

/**
 * Throws the resource's NOT_FOUND (not FORBIDDEN) when a record lies outside the actor's region:
 * existence must not leak across counties.
 */
export function assertRegionScope(
  actor: Actor,
  regionCode: string | null | undefined,
  code: ErrorCode,
  message: string,
): void {
  if (!inRegionScope(actor, regionCode)) throw new AppError(code, message);
}

/** A region code an actor may write into: inside their prefix. */
export function assertWritableRegion(actor: Actor, regionCode: string, field = "regionCode"): void {
  if (!inRegionScope(actor, regionCode)) {
    throw new AppError("FORBIDDEN", "只能在本人负责的行政区域内登记或修改", { field });
  }
}
