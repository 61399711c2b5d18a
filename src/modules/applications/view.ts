import { ageOn } from "../../lib/china-time";
import type { Application } from "./repo";
import { ageBand, nextMoves, STATUS_TEXT, surnameOnly } from "./rules";

const iso = (d: Date) => d.toISOString();

export function toApplicationView(a: Application) {
  return {
    id: a.id,
    jobId: a.jobId,
    labourerId: a.labourerId,
    status: a.status,
    statusLabel: STATUS_TEXT[a.status].label,
    source: a.source,
    recommendationId: a.recommendationId,
    onBehalf: a.onBehalf,
    createdAt: iso(a.createdAt),
    statusChangedAt: iso(a.statusChangedAt),
  };
}

/**
 * The employer's masked view of one applicant. Built field by field from an explicit list: no
 * labourer id, full name, village, birth date or phone (masked or not) — nothing that would let
 * the employer identify or reach the person before accepting, when the audited /contact opens.
 */
export function toApplicantView(
  r: {
    app: Application;
    name: string;
    birthDate: string;
    township: string | null;
    certificates: string[];
  },
  now: Date,
) {
  return {
    id: r.app.id,
    status: r.app.status,
    statusLabel: STATUS_TEXT[r.app.status].label,
    source: r.app.source,
    appliedAt: iso(r.app.createdAt),
    applicant: {
      name: surnameOnly(r.name),
      township: r.township,
      ageBand: ageBand(ageOn(r.birthDate, now)),
      certificates: r.certificates,
    },
    contactAvailable: r.app.status === "accepted" || r.app.status === "hired",
    nextMoves: nextMoves(r.app.status, "employer"),
  };
}

export function toMyApplicationView(r: {
  app: Application;
  jobTitle: string;
  placeName: string;
  employerName: string;
  jobStatus: string;
}) {
  const text = STATUS_TEXT[r.app.status];
  return {
    id: r.app.id,
    status: r.app.status,
    statusLabel: text.label,
    next: text.next,
    canWithdraw: nextMoves(r.app.status, "labourer").includes("withdrawn"),
    onBehalf: r.app.onBehalf,
    appliedAt: iso(r.app.createdAt),
    statusChangedAt: iso(r.app.statusChangedAt),
    job: {
      id: r.app.jobId,
      title: r.jobTitle,
      employerName: r.employerName,
      placeName: r.placeName,
      status: r.jobStatus,
    },
  };
}
