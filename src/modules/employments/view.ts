import type { Employment } from "./repo";

export function toEmploymentView(e: Employment) {
  return {
    id: e.id,
    labourerId: e.labourerId,
    source: e.source,
    applicationId: e.applicationId,
    jobId: e.jobId,
    employerId: e.employerId,
    employerName: e.employerName,
    channel: e.channel,
    regionCode: e.regionCode,
    outsideGuangxi: e.outsideGuangxi,
    startDate: e.startDate,
    wage: e.wageFen !== null && e.wageUnit !== null ? { fen: e.wageFen, unit: e.wageUnit } : null,
    confirmed: e.confirmedAt !== null,
    confirmedAt: e.confirmedAt?.toISOString() ?? null,
    confirmedRole: e.confirmedRole,
    confirmationNote: e.confirmationNote,
    endDate: e.endDate,
    endReason: e.endReason,
    rejected: e.rejectedAt !== null,
    rejectedAt: e.rejectedAt?.toISOString() ?? null,
    rejectionReason: e.rejectionReason,
    rejectionNote: e.rejectionNote,
    stillWorkingAt: e.stillWorkingAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
