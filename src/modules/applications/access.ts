import type { Actor } from "../../lib/ctx";
import { inRegionScope } from "../../lib/scope";
import type { Application } from "./repo";
import type { Mover } from "./rules";

/**
 * In which capacity the actor touches an application, or null (then it is a 404: existence does
 * not leak). The posting's employer; the person themselves; staff whose region holds the person's
 * home village: cadres as `staff`, bureau officers (and admins, everywhere) as `bureau`.
 */
export function moverOf(
  actor: Actor,
  app: Pick<Application, "employerId" | "labourerId">,
  villageCode: string,
): Mover | null {
  if (actor.kind !== "user") return null;
  if (actor.role === "employer")
    return actor.employerId !== null && actor.employerId === app.employerId ? "employer" : null;
  if (actor.role === "labourer")
    return actor.labourerId !== null && actor.labourerId === app.labourerId ? "labourer" : null;
  if (!inRegionScope(actor, villageCode)) return null;
  return actor.role === "bureau" || actor.role === "admin" ? "bureau" : "staff";
}
