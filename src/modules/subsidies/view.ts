import type { SubsidyPolicy, SubsidyProof } from "../../../db/schema/subsidies";
import { TICKET_LEG_LABELS } from "../../lib/enums";
import type { ClaimRow, SubsidyProgramme } from "./repo";
import { CLAIM_STATUS_TEXT } from "./rules";

export function toPolicyView(p: SubsidyPolicy) {
  return {
    id: p.id,
    programmeId: p.programmeId,
    policyYear: p.policyYear,
    version: p.version,
    eligiblePersonTypes: p.eligiblePersonTypes,
    requireOutsideGuangxi: p.requireOutsideGuangxi,
    destinationCodes: p.destinationCodes,
    caps: p.caps,
    defaultCapFen: p.defaultCapFen,
    minDaysInWork: p.minDaysInWork,
    minMonthsInWork: p.minMonthsInWork,
    minTickets: p.minTickets,
    note: p.note,
    createdRole: p.createdRole,
    createdAt: p.createdAt.toISOString(),
  };
}

export function toProgrammeView(r: {
  programme: SubsidyProgramme;
  currentPolicy: SubsidyPolicy | undefined;
}) {
  return {
    id: r.programme.id,
    code: r.programme.code,
    name: r.programme.name,
    ruleType: r.programme.ruleType,
    autoPropose: r.programme.autoPropose,
    currentPolicy: r.currentPolicy ? toPolicyView(r.currentPolicy) : null,
    createdAt: r.programme.createdAt.toISOString(),
  };
}

/** A claim as every reader sees it: the payee account masked, the state in plain words. */
export function toClaimView(r: ClaimRow) {
  const c = r.c;
  const text = CLAIM_STATUS_TEXT[c.status];
  return {
    id: c.id,
    programme: { id: c.programmeId, code: r.programmeCode, name: r.programmeName },
    policyId: c.policyId,
    policyVersion: r.policyVersion,
    policyYear: c.policyYear,
    labourerId: c.labourerId,
    labourerName: r.labourerName,
    idNumberMasked: r.labourerIdNumberMasked,
    employmentId: c.employmentId,
    destinationCode: c.destinationCode,
    destinationName: r.destinationName,
    employerName: r.employerName,
    startDate: r.startDate,
    minTickets: r.minTickets,
    proofCount: r.proofCount,
    status: c.status,
    statusLabel: text.label,
    statusNext: text.next,
    origin: c.origin,
    amountFen: c.amountFen,
    provenFen: c.provenFen,
    capFen: c.capFen,
    checkPassed: c.checkPassed,
    findings: c.findings,
    payee:
      c.payeeAccountType && c.payeeAccountMasked
        ? { accountType: c.payeeAccountType, accountMasked: c.payeeAccountMasked }
        : null,
    reviewReason: c.reviewReason,
    paidAt: c.paidAt?.toISOString() ?? null,
    paymentReference: c.paymentReference,
    paymentFailureReason: c.paymentFailureReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toProofView(p: SubsidyProof) {
  return {
    id: p.id,
    ticketNo: p.ticketNo,
    amountFen: p.amountFen,
    travelDate: p.travelDate,
    leg: p.leg,
    legLabel: p.leg ? TICKET_LEG_LABELS[p.leg] : null,
    mediaType: p.mediaType,
    sizeBytes: p.sizeBytes,
    uploadedRole: p.uploadedRole,
    createdAt: p.createdAt.toISOString(),
  };
}
