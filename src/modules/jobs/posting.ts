import type { Executor, Tx } from "../../../db/client";
import { maskPhone } from "../../lib/crypto";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { normalizePhone } from "../../lib/phone";
import { inRegionScope } from "../../lib/scope";
import { postingSearchKeys } from "../../search/text-tokens";
import { ancestry, canonicalRegionCode } from "../regions/codes";
import { findRegion } from "../regions/repo";
import { assertPinInProvince, pinnedAfterEdit } from "./pin";
import type { EmployerForJob, Job, NewJob } from "./repo";
import * as repo from "./repo";
import { defaultExpiry, type JobDraft, transportSubsidyEligible, validateJobDraft } from "./rules";
import type { CreateJobInput, UpdateJobInput } from "./schemas";

// Turns create/update input into stored columns: defaults, place, rules, masked contact, search keys.

const invalid = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", message, { field });

async function resolveEmployer(ctx: Ctx, employerId: string | undefined): Promise<EmployerForJob> {
  const actor = ctx.actor;
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "请先登录");
  if (actor.kind === "user" && actor.role === "employer") {
    if (!actor.employerId) throw new AppError("FORBIDDEN", "当前账号未关联用工单位");
    if (employerId && employerId !== actor.employerId)
      throw new AppError("FORBIDDEN", "只能为本单位发布岗位", { field: "employerId" });
    const own = await repo.findEmployerForJob(ctx.db, actor.employerId);
    if (!own) throw new AppError("EMPLOYER_NOT_FOUND", "用工单位不存在");
    return own;
  }
  if (!employerId) throw invalid("employerId", "代用工单位发布岗位时请选择用工单位");
  const employer = await repo.findEmployerForJob(ctx.db, employerId);
  // Outside the bureau's region the employer does not exist for them.
  if (!employer || !inRegionScope(actor, employer.regionCode))
    throw new AppError("EMPLOYER_NOT_FOUND", "用工单位不存在");
  return employer;
}

async function resolveRegion(db: Executor, raw: string, field: string) {
  const code = canonicalRegionCode(raw);
  if (!code) throw invalid(field, "请填写正确的行政区划代码");
  const region = await findRegion(db, code);
  if (!region) throw invalid(field, "行政区划代码不存在");
  return region;
}

function contactColumns(ctx: Ctx, raw: string) {
  const phone = normalizePhone(raw);
  if (!phone) throw invalid("contactPhone", "请填写正确的手机号码");
  return { contactPhoneEnc: ctx.pii.encrypt(phone), contactPhoneMasked: maskPhone(phone) };
}

function assertChannelAllowed(channel: string, employer: EmployerForJob): void {
  if (channel === "workshop" && !(employer.type === "workshop" && employer.workshopCertificateNo)) {
    throw new AppError("JOB_CHANNEL_NOT_ALLOWED", "只有经认定的就业帮扶车间可以发布帮扶车间岗位", {
      field: "channel",
    });
  }
  // 区内企业岗位 (002 §12; the parks co-built with Guangdong, 001): an enterprise registered inside Guangxi.
  if (
    channel === "enterprise" &&
    !(employer.type === "enterprise" && employer.regionCode.startsWith("45"))
  ) {
    throw new AppError("JOB_CHANNEL_NOT_ALLOWED", "只有广西区内的企业可以发布区内企业岗位", {
      field: "channel",
    });
  }
}

function limits(ctx: Ctx) {
  return {
    now: ctx.now(),
    ageMinLegal: ctx.config.WORKING_AGE_MIN,
    ageMaxAllowed: ctx.config.WORKING_AGE_MAX,
  };
}

/** The fallback search's text and keys; recomputed whenever a searchable field or the employer's name changes. */
export function searchColumns(
  d: Pick<
    Job,
    | "title"
    | "occupation"
    | "skills"
    | "placeName"
    | "description"
    | "regionCode"
    | "channel"
    | "certificates"
  >,
  employerName: string,
) {
  return postingSearchKeys(
    [d.title, d.occupation, d.skills.join(" "), employerName, d.placeName, d.description],
    {
      regionCodes: ancestry(d.regionCode),
      channel: d.channel,
      certificates: d.certificates,
      occupation: d.occupation,
    },
  );
}

export async function buildNewJob(
  ctx: Ctx,
  input: CreateJobInput,
): Promise<{ values: NewJob; employerName: string }> {
  const employer = await resolveEmployer(ctx, input.employerId);
  assertChannelAllowed(input.channel, employer);
  const region = await resolveRegion(ctx.db, input.regionCode, "regionCode");
  const departure = input.departureRegionCode
    ? await resolveRegion(ctx.db, input.departureRegionCode, "departureRegionCode")
    : null;
  const now = ctx.now();
  const draft: JobDraft = {
    channel: input.channel,
    title: input.title,
    description: input.description,
    occupation: input.occupation,
    skills: input.skills,
    certificates: [...new Set(input.certificates)],
    benefits: input.benefits,
    wageMinFen: input.wageMinFen,
    wageMaxFen: input.wageMaxFen,
    wageUnit: input.wageUnit,
    regionCode: region.code,
    lat: input.lat ?? (input.lng === undefined ? region.lat : null),
    lng: input.lng ?? (input.lat === undefined ? region.lng : null),
    address: input.address ?? null,
    ageMin: input.ageMin ?? ctx.config.WORKING_AGE_MIN,
    ageMax: input.ageMax ?? ctx.config.WORKING_AGE_MAX,
    physicalDemand: input.physicalDemand ?? "normal",
    meetingPoint: input.meetingPoint ?? null,
    workStartOn: input.workStartOn ?? null,
    workEndOn: input.workEndOn ?? input.workStartOn ?? null,
    departureRegionCode: departure?.code ?? null,
    coBuiltPark: input.coBuiltPark ?? false,
    expiresAt: input.expiresAt
      ? new Date(input.expiresAt)
      : defaultExpiry(input.channel, input.workEndOn ?? null, input.workStartOn ?? null, now),
  };
  validateJobDraft(draft, limits(ctx));
  const pinned = input.lat !== undefined && input.lng !== undefined;
  if (pinned) assertPinInProvince(region.code, input.lat!, input.lng!);
  const gdgx = input.channel === "gd_gx";
  const values: NewJob = {
    ...draft,
    pinned,
    employerId: employer.id,
    employerRegionCode: employer.regionCode,
    placeName: region.fullName,
    headcount: input.headcount,
    contactName: input.contactName,
    ...contactColumns(ctx, input.contactPhone),
    pointToPoint: input.pointToPoint ?? gdgx,
    boardAndLodging: input.boardAndLodging ?? gdgx,
    transportSubsidyEligible: transportSubsidyEligible(region.code),
    createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    postedOnBehalf: ctx.actor.kind === "user" && ctx.actor.role !== "employer",
  };
  return {
    values: {
      ...values,
      ...searchColumns({ ...draft, placeName: region.fullName }, employer.name),
    },
    employerName: employer.name,
  };
}

/** The changed columns of an edit: the merged posting is validated as a whole, as on creation. */
export async function buildJobPatch(
  ctx: Ctx,
  tx: Tx,
  job: Job,
  input: UpdateJobInput,
): Promise<{ values: Partial<NewJob>; employerName: string }> {
  const employer = await repo.findEmployerForJob(tx, job.employerId);
  if (!employer) throw new AppError("EMPLOYER_NOT_FOUND", "用工单位不存在");
  let regionCode = job.regionCode;
  let placeName = job.placeName;
  let lat = input.lat ?? job.lat;
  let lng = input.lng ?? job.lng;
  if (input.regionCode !== undefined) {
    const region = await resolveRegion(tx, input.regionCode, "regionCode");
    regionCode = region.code;
    placeName = region.fullName;
    if (input.lat === undefined && input.lng === undefined) ({ lat, lng } = region);
  }
  const departure = input.departureRegionCode
    ? await resolveRegion(tx, input.departureRegionCode, "departureRegionCode")
    : null;
  const draft: JobDraft = {
    channel: job.channel,
    title: input.title ?? job.title,
    description: input.description ?? job.description,
    occupation: input.occupation ?? job.occupation,
    skills: input.skills ?? job.skills,
    certificates: input.certificates ? [...new Set(input.certificates)] : job.certificates,
    benefits: input.benefits ?? job.benefits,
    wageMinFen: input.wageMinFen ?? job.wageMinFen,
    wageMaxFen: input.wageMaxFen ?? job.wageMaxFen,
    wageUnit: input.wageUnit ?? job.wageUnit,
    regionCode,
    lat,
    lng,
    address: input.address ?? job.address,
    ageMin: input.ageMin ?? job.ageMin,
    ageMax: input.ageMax ?? job.ageMax,
    physicalDemand: input.physicalDemand ?? job.physicalDemand,
    meetingPoint: input.meetingPoint ?? job.meetingPoint,
    workStartOn: input.workStartOn ?? job.workStartOn,
    workEndOn: input.workEndOn ?? job.workEndOn,
    departureRegionCode:
      input.departureRegionCode === null ? null : (departure?.code ?? job.departureRegionCode),
    coBuiltPark: input.coBuiltPark ?? job.coBuiltPark,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : job.expiresAt,
  };
  validateJobDraft(draft, limits(ctx));
  const pinned = pinnedAfterEdit(job.pinned, input);
  if (pinned && draft.lat !== null && draft.lng !== null)
    assertPinInProvince(regionCode, draft.lat, draft.lng);
  const values: Partial<NewJob> = {
    ...draft,
    pinned,
    placeName,
    transportSubsidyEligible: transportSubsidyEligible(regionCode),
    ...(input.headcount !== undefined ? { headcount: input.headcount } : {}),
    ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
    ...(input.contactPhone !== undefined ? contactColumns(ctx, input.contactPhone) : {}),
    ...(input.pointToPoint !== undefined ? { pointToPoint: input.pointToPoint } : {}),
    ...(input.boardAndLodging !== undefined ? { boardAndLodging: input.boardAndLodging } : {}),
    ...searchColumns({ ...draft, placeName }, employer.name),
  };
  return { values, employerName: employer.name };
}
