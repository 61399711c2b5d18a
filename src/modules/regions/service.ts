import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { canonicalRegionCode, type RegionLevel } from "./codes";
import { findRegion, listChildren, type Region, searchByName } from "./repo";

const DEPTH: Record<RegionLevel, number> = {
  province: 1,
  city: 2,
  county: 3,
  township: 4,
  village: 5,
};

function canonicalOrThrow(code: string, field: string): string {
  const c = canonicalRegionCode(code);
  if (!c) throw new AppError("VALIDATION_FAILED", "请填写正确的行政区划代码", { field });
  return c;
}

export async function getRegion(ctx: Pick<Ctx, "db">, code: string): Promise<Region> {
  const region = await findRegion(ctx.db, canonicalOrThrow(code, "code"));
  if (!region) throw new AppError("REGION_NOT_FOUND", "行政区划不存在");
  return region;
}

export async function listRegions(
  ctx: Pick<Ctx, "db">,
  input: { parent?: string },
): Promise<Region[]> {
  if (!input.parent) return listChildren(ctx.db, null);
  const parent = canonicalOrThrow(input.parent, "parent");
  const rows = await listChildren(ctx.db, parent);
  if (rows.length === 0 && !(await findRegion(ctx.db, parent)))
    throw new AppError("REGION_NOT_FOUND", "上级行政区划不存在");
  return rows;
}

/** People type 桂林, 恭城 or 恭城瑶族自治县: all find the place. */
export async function searchRegions(
  ctx: Pick<Ctx, "db">,
  input: { q: string; within?: string; level?: RegionLevel; limit: number },
) {
  const within = input.within ? canonicalOrThrow(input.within, "within") : undefined;
  return searchByName(ctx.db, input.q, {
    within,
    maxDepth: DEPTH[input.level ?? "township"],
    limit: input.limit,
  });
}
