import { z } from "@hono/zod-openapi";

/**
 * The error-code catalogue: one table feeds the runtime status AND the OpenAPI document.
 * Codes are stable once shipped; clients branch on them. Messages are Chinese and may change.
 * Add a module's codes in its own block.
 */
export const ERROR_STATUS = {
  // generic
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  // auth
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  OTP_INVALID: 401,
  OTP_EXPIRED: 401,
  WECHAT_NOT_BOUND: 401,
  WECHAT_LOGIN_FAILED: 502,
  WECHAT_NOT_CONFIGURED: 503,
  WECHAT_UNAVAILABLE: 502,
  WECHAT_OPENID_MISSING: 409,
  ACCOUNT_DISABLED: 403,
  // regions
  REGION_NOT_FOUND: 404,
  // registry
  LABOURER_NOT_FOUND: 404,
  LABOURER_DUPLICATE: 409,
  LABOURER_ALREADY_VERIFIED: 409,
  HOUSEHOLD_NOT_FOUND: 404,
  HOUSEHOLD_DUPLICATE: 409,
  ID_NUMBER_INVALID: 400,
  LABOURER_AGE_OUT_OF_RANGE: 422,
  // registry: a labourer changing their own phone (code sent to the new phone; 400, not 401:
  // the labourer is signed in, and a 401 would sign the page out)
  PHONE_CHANGE_NEEDS_CODE: 400,
  PHONE_CODE_INVALID: 400,
  PHONE_CODE_EXPIRED: 400,
  PHONE_TAKEN: 409,
  EMPLOYER_NOT_FOUND: 404,
  EMPLOYER_DUPLICATE: 409,
  EMPLOYER_STATUS_UNCHANGED: 409,
  CREDIT_CODE_INVALID: 400,
  COURSE_NOT_FOUND: 404,
  COURSE_FULL: 409,
  BRAND_NOT_FOUND: 404,
  ENROLMENT_NOT_FOUND: 404,
  ENROLMENT_DUPLICATE: 409,
  ENROLMENT_ALREADY_FINAL: 409,
  IMPORT_NOT_FOUND: 404,
  IMPORT_FILE_UNREADABLE: 422,
  IMPORT_RESULT_NOT_READY: 409,
  IMPORT_RESULT_EXPIRED: 410,
  // jobs
  JOB_NOT_FOUND: 404,
  JOB_NOT_OPEN: 409,
  JOB_DISCRIMINATORY: 422,
  JOB_NOT_DRAFT: 409,
  JOB_CHANNEL_NOT_ALLOWED: 422,
  EMPLOYER_NOT_VERIFIED: 409,
  // jobs: the audited full contact phone (GET /jobs/{id}/contact); a job seeker's daily cap on
  // distinct postings, against scraping employers' phones
  JOB_CONTACT_DAILY_LIMIT: 429,
  // matching
  RECOMMENDATION_NOT_FOUND: 404,
  LABOURER_NOT_TRAINED: 409,
  SHORTAGE_ALERT_NOT_FOUND: 404,
  SHORTAGE_ALERT_RESOLVED: 409,
  // placement: applications (state table in src/modules/applications/rules.ts)
  APPLICATION_NOT_FOUND: 404,
  APPLICATION_STATE_CONFLICT: 409,
  APPLICATION_CONTACT_NOT_AVAILABLE: 409,
  // placement: employment records
  JOB_HEADCOUNT_REACHED: 409,
  EMPLOYMENT_NOT_FOUND: 404,
  EMPLOYMENT_ALREADY_CONFIRMED: 409,
  EMPLOYMENT_ALREADY_ENDED: 409,
  EVIDENCE_TYPE_NOT_ALLOWED: 415,
  EVIDENCE_TOO_LARGE: 413,
  EVIDENCE_NOT_FOUND: 404,
  // placement: retention check-ins, help requests, the cadre's follow-up queue
  CHECK_IN_NOT_FOUND: 404,
  CHECK_IN_ALREADY_ANSWERED: 409,
  CHECK_IN_CLOSED: 409,
  HELP_REQUEST_NOT_FOUND: 404,
  FOLLOW_UP_NOT_FOUND: 404,
  FOLLOW_UP_ALREADY_RESOLVED: 409,
  // subsidies (state table in src/modules/subsidies/rules.ts; docs/SUBSIDY.md)
  SUBSIDY_PROGRAMME_NOT_FOUND: 404,
  SUBSIDY_PROGRAMME_DUPLICATE: 409,
  SUBSIDY_POLICY_MISSING: 409,
  SUBSIDY_CLAIM_NOT_FOUND: 404,
  SUBSIDY_NOT_ELIGIBLE: 422,
  SUBSIDY_ALREADY_CLAIMED: 409,
  SUBSIDY_CLAIM_REJECTED: 409,
  SUBSIDY_STATE_CONFLICT: 409,
  SUBSIDY_CHECK_FAILED: 409,
  SUBSIDY_PROOF_DUPLICATE: 409,
  SUBSIDY_PROOF_NOT_FOUND: 404,
  PAYMENT_BATCH_NOT_FOUND: 404,
  PAYMENT_BATCH_EMPTY: 409,
  PAYMENT_BATCH_CLOSED: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export interface ErrorExtra {
  field?: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.extra.field !== undefined ? { field: this.extra.field } : {}),
        ...(this.extra.details !== undefined ? { details: this.extra.details } : {}),
      },
    };
  }
}

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "VALIDATION_FAILED" }),
      message: z.string().openapi({ example: "身份证号码校验位不正确" }),
      field: z.string().optional().openapi({ example: "idNumber" }),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Documents the error responses of a route from the catalogue: only the codes it can return. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of ["VALIDATION_FAILED", ...codes] as ErrorCode[]) {
    const status = ERROR_STATUS[code];
    const list = byStatus.get(status) ?? [];
    if (!list.includes(code)) list.push(code);
    byStatus.set(status, list);
  }
  const out: Record<
    number,
    { description: string; content: { "application/json": { schema: typeof ErrorBodySchema } } }
  > = {};
  for (const [status, list] of byStatus) {
    out[status] = {
      description: `错误码: ${list.join(" | ")}`,
      content: { "application/json": { schema: ErrorBodySchema } },
    };
  }
  return out;
}

export const notFound = (code: ErrorCode & `${string}_NOT_FOUND`, message: string) =>
  new AppError(code, message);
