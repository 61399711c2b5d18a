import { assertRole, STAFF_ROLES } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { inRegionScope, regionPrefix } from "../../lib/scope";
import { canonicalRegionCode, GUANGXI, type RegionLevel } from "../regions/codes";
import { findRegion } from "../regions/repo";

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
  const region = await knownRegion(ctx, code);
  if (!region) throw new AppError("REGION_NOT_FOUND", "行政区划不存在", { field: "region" });
  if (!inRegionScope(ctx.actor, code))
    throw new AppError("FORBIDDEN", "只能查看本人负责区域的监测数据", { field: "region" });
  return region;
}

/**
 * Regions found, per database handle: GB/T 2260 reference data, loaded at start-up and not
 * changed while the process runs, so a warning-list page or a summary does not spend a query on
 * its own region (docs/MONITORING.md, "Cost"). Only found codes are kept (an unknown one is asked
 * again), at most Guangxi's and Guangdong's regions (≈ 20,000).
 */
const found = new WeakMap<object, Map<string, StatsRegion>>();
const FOUND_MAX = 50_000;

async function knownRegion(ctx: Ctx, code: string): Promise<StatsRegion | undefined> {
  let byCode = found.get(ctx.readDb);
  if (!byCode) {
    byCode = new Map();
    found.set(ctx.readDb, byCode);
  }
  const hit = byCode.get(code);
  if (hit) return hit;
  const region = await findRegion(ctx.readDb, code);
  if (!region) return undefined;
  const r: StatsRegion = { code: region.code, name: region.name, level: region.level };
  if (byCode.size < FOUND_MAX) byCode.set(code, r);
  return r;
}
