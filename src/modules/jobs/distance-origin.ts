import type { Ctx } from "../../lib/ctx";
import type { LatLng } from "../../lib/geo";
import { regionPoints } from "../regions/points";
import { distanceText, type Origin, type Place } from "./distance-text";
import { findLabourerVillage } from "./repo";

/** The signed-in labourer's home village, or null for anyone else. */
export async function homeVillageOf(ctx: Ctx): Promise<string | null> {
  return ctx.actor.kind === "user" && ctx.actor.role === "labourer" && ctx.actor.labourerId
    ? findLabourerVillage(ctx.db, ctx.actor.labourerId)
    : null;
}

/**
 * Where the person is, for distances in words (search hits and a posting's page alike): the
 * phone's location (then the county around it, or their home village when that county is their
 * home county: they are taken to be at home), else their home village. Returns the function that
 * says a place's distance at the precision known (distance-text.ts), or null when nothing is
 * known about where the person is.
 */
export async function distanceTeller(
  ctx: Ctx,
  home: string | null,
  near: LatLng | undefined,
): Promise<((place: Place) => string | null) | null> {
  if (!home && !near) return null;
  const points = await regionPoints(ctx.db);
  let origin: Origin;
  if (near) {
    const county = points.nearestCounty(near);
    const atHome = home !== null && county !== null && home.startsWith(county);
    origin = { point: near, regionCode: atHome ? home : county };
  } else {
    origin = { point: null, regionCode: home };
  }
  return (place) => distanceText(origin, place, points.pointOf);
}
