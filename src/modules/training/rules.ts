import type { Actor } from "../../lib/ctx";
import { inRegionScope } from "../../lib/scope";
import type { EnrolmentRow } from "./repo";

/**
 * Who may do what with training records (docs/REGISTRY.md, "Training"):
 * - a course belongs to its county: staff whose region covers the county read it;
 * - an enrolment is read by staff covering the course's county OR the labourer's village, and by
 *   the labourer;
 * - enrolling needs both the course and the labourer in the actor's region (a cross-county
 *   enrolment is made by the city or province bureau above both);
 * - the result (passed/failed) is recorded by the bureau of the course's county, who ran it.
 */
export function canSeeCourse(actor: Actor, countyCode: string): boolean {
  return inRegionScope(actor, countyCode);
}

export function canSeeEnrolment(
  actor: Actor,
  row: Pick<EnrolmentRow, "course" | "labourer">,
): boolean {
  if (actor.kind === "user" && actor.role === "labourer")
    return actor.labourerId === row.labourer.id;
  return (
    inRegionScope(actor, row.course.countyCode) || inRegionScope(actor, row.labourer.villageCode)
  );
}

export function canRecordResult(actor: Actor, row: Pick<EnrolmentRow, "course">): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user" || (actor.role !== "admin" && actor.role !== "bureau")) return false;
  return inRegionScope(actor, row.course.countyCode);
}
