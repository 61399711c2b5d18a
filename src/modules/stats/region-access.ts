import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { inRegionScope, regionPrefix } from "../../lib/scope";
import { canonicalRegionCode, GUANGXI, type RegionLevel } from "../regions/codes";
import { knownRegion } from "../regions/known";

export interface StatsRegion {
  code: string;
  name: string;
  level: RegionLevel;
}

/** Code lengths of the levels, outermost first: a child's code is the next length. */
const LENGTHS = [2, 4, 6, 9, 12];

/** The code length of a region's children; a village has none and stands for itself. */
export function childLength(code: string): number {
  return LENGTHS.find((n) => n > code.length) ?? code.length;
}

/**
 * The region a monitoring request is about: the one asked for, else the caller's own (Guangxi for
 * an admin). Staff only; a region outside the caller's is 403 (region names are public, so there
 * is nothing to hide about its existence, only its figures), an unknown one 404.
 */
export async function resolveStatsRegion(ctx: Ctx, asked?: string): Promise<StatsRegion> {
  assertRole(ctx.actor, STAFF_ROLES);
  const own = regionPrefix(ctx.actor);
  if (own === null) throw new AppError("FORBIDDEN", "当前账号无权查看监测数据");
  let code = own === "" ? GUANGXI : own;
  if (asked !== undefined && asked !== "") {
    const c = canonicalRegionCode(asked);
    if (!c)
      throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field: "region" });
    code = c;
  }
  // Held per process (GB/T 2260 reference data): a page does not spend a query on its region.
  const region = await knownRegion(ctx.readDb, code);
  if (!region) throw new AppError("REGION_NOT_FOUND", "行政区划不存在", { field: "region" });
  if (!inRegionScope(ctx.actor, code))
    throw new AppError("FORBIDDEN", "只能查看本人负责区域的监测数据", { field: "region" });
  return { code: region.code, name: region.name, level: region.level };
}
