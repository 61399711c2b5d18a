import { assertRole } from "../../lib/auth";
import type { Actor } from "../../lib/ctx";
import { regionPrefix } from "../../lib/scope";
import type { Job } from "./repo";

type Placed = Pick<Job, "employerId" | "regionCode" | "employerRegionCode" | "departureRegionCode">;

/** Staff scope covers the work place, the employer's region and the gd_gx departure county. */
export function inJobScope(actor: Actor, job: Placed): boolean {
  const prefix = regionPrefix(actor);
  if (prefix === null) return false;
  if (prefix === "") return true;
  return [job.regionCode, job.employerRegionCode, job.departureRegionCode].some(
    (c) => typeof c === "string" && c.startsWith(prefix),
  );
}

/** The employer's own accounts, admins, and bureau staff in scope may change a posting. */
export function canManage(actor: Actor, job: Placed): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind !== "user") return false;
  if (actor.role === "employer") return actor.employerId === job.employerId;
  if (actor.role === "admin") return true;
  return actor.role === "bureau" && inJobScope(actor, job);
}

/** Open postings are public; anything else only to those who manage it and to cadres in scope. */
export function canRead(actor: Actor, job: Placed & Pick<Job, "status">): boolean {
  if (job.status === "open") return true;
  if (canManage(actor, job)) return true;
  return actor.kind === "user" && actor.role === "cadre" && inJobScope(actor, job);
}

/** Who may create and change postings: employers, bureau staff, admins, and system actors (seeds). */
export function assertJobWriter(actor: Actor): void {
  if (actor.kind !== "system") assertRole(actor, ["employer", "bureau", "admin"]);
}

/**
 * Who may read a posting's full contact phone, whatever its status: admins, bureau staff and
 * cadres whose region covers the posting (inJobScope), and the posting's own employer. Job
 * seekers are decided separately (contact.ts): only open postings, under a daily cap.
 */
export function canReadContactAsStaffOrOwner(actor: Actor, job: Placed): boolean {
  if (actor.kind !== "user") return false;
  if (actor.role === "employer")
    return actor.employerId !== null && actor.employerId === job.employerId;
  if (actor.role === "admin") return true;
  return (actor.role === "bureau" || actor.role === "cadre") && inJobScope(actor, job);
}
