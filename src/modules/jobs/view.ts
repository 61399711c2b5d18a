import type { JobWithEmployer } from "./repo";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The one place a stored posting becomes a response: the phone only ever masked. */
export function toJobView(j: JobWithEmployer) {
  return {
    id: j.id,
    employer: { id: j.employerId, name: j.employerName },
    channel: j.channel,
    status: j.status,
    title: j.title,
    description: j.description,
    occupation: j.occupation,
    skills: j.skills,
    certificates: j.certificates,
    headcount: j.headcount,
    wage: { minFen: j.wageMinFen, maxFen: j.wageMaxFen, unit: j.wageUnit },
    regionCode: j.regionCode,
    placeName: j.placeName,
    address: j.address,
    lat: j.lat,
    lng: j.lng,
    pinned: j.pinned,
    ageMin: j.ageMin,
    ageMax: j.ageMax,
    physicalDemand: j.physicalDemand,
    benefits: j.benefits,
    contactName: j.contactName,
    contactPhone: j.contactPhoneMasked,
    meetingPoint: j.meetingPoint,
    workStartOn: j.workStartOn,
    workEndOn: j.workEndOn,
    departureRegionCode: j.departureRegionCode,
    pointToPoint: j.pointToPoint,
    boardAndLodging: j.boardAndLodging,
    coBuiltPark: j.coBuiltPark,
    transportSubsidyEligible: j.transportSubsidyEligible,
    postedOnBehalf: j.postedOnBehalf,
    postedAt: iso(j.postedAt),
    expiresAt: j.expiresAt.toISOString(),
    closedAt: iso(j.closedAt),
    closedReason: j.closedReason,
    filledAt: iso(j.filledAt),
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}

export type JobViewBody = ReturnType<typeof toJobView>;
