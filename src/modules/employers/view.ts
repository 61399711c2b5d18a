import type { Employer } from "./repo";
import { EMPLOYER_TYPE_LABELS, VERIFICATION_LABELS } from "./schemas";

/** The one shape an employer leaves the API in: the contact phone masked, never the ciphertext. */
export function toEmployerView(e: Employer) {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    typeLabel: EMPLOYER_TYPE_LABELS[e.type],
    creditCode: e.creditCode,
    regionCode: e.regionCode,
    address: e.address,
    contactName: e.contactName,
    contactPhone: e.contactPhoneMasked,
    workshop:
      e.type === "workshop"
        ? { certificateNo: e.workshopCertificateNo, certifiedBy: e.workshopCertifiedBy }
        : null,
    verification: {
      status: e.verificationStatus,
      label: VERIFICATION_LABELS[e.verificationStatus],
      reason: e.statusReason,
      changedAt: e.statusChangedAt?.toISOString() ?? null,
      verifiedAt: e.verifiedAt?.toISOString() ?? null,
    },
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
