import { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import type { Config } from "../../config";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonBody, jsonResponse, newRouter } from "../../lib/http";
import type { UploadRoute } from "../../lib/input-guard";
import { tooLargeMessage } from "../employments/evidence";
import { EVIDENCE_MEDIA_TYPES } from "../employments/schemas";
import { addProof, openProof } from "./proofs";
import { reviewClaim } from "./review";
import { CLAIM_STATUS_TEXT } from "./rules";
import {
  ClaimDetail,
  ClaimListQuery,
  ClaimPage,
  ProofParams,
  ProofUploadBody,
  ProofView,
  ReviewBody,
  StartClaimBody,
  SubmitBody,
} from "./schemas";
import { getClaim, listClaims, startClaim, submitClaim } from "./service";
import { toClaimView, toProofView } from "./view";

const TAGS = ["subsidies"];

/** The ticket photo upload's limit for the body guard: the file limit plus the form's framing. */
export function proofUpload(config: Pick<Config, "EVIDENCE_MAX_BYTES">): UploadRoute {
  return {
    method: "POST",
    path: /^\/api\/v1\/subsidy-claims\/[^/]+\/proofs\/?$/,
    maxBytes: config.EVIDENCE_MAX_BYTES + 64 * 1024,
    tooLarge: tooLargeMessage(config.EVIDENCE_MAX_BYTES),
    code: "EVIDENCE_TOO_LARGE",
  };
}

const startRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-claims",
  tags: TAGS,
  security: BEARER,
  summary: "申领补贴（本人或帮扶干部）；系统已自动生成的申领直接返回",
  request: { body: jsonBody(StartClaimBody) },
  responses: {
    200: jsonResponse(ClaimDetail, "已有的申领"),
    201: jsonResponse(ClaimDetail, "已生成申领，请上传车票后提交"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYMENT_NOT_FOUND",
      "SUBSIDY_PROGRAMME_NOT_FOUND",
      "SUBSIDY_NOT_ELIGIBLE",
      "SUBSIDY_ALREADY_CLAIMED",
      "SUBSIDY_POLICY_MISSING",
    ),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/subsidy-claims",
  tags: TAGS,
  security: BEARER,
  summary: "补贴申领：本人看自己的，帮扶干部和人社部门看本辖区的（status=checked 即待审核队列）",
  request: { query: ClaimListQuery },
  responses: {
    200: jsonResponse(ClaimPage, "补贴申领"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/v1/subsidy-claims/{id}",
  tags: TAGS,
  security: BEARER,
  summary: "补贴申领详情：自动核对结果、车票、办理记录",
  request: { params: IdParams },
  responses: {
    200: jsonResponse(ClaimDetail, "补贴申领"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "SUBSIDY_CLAIM_NOT_FOUND"),
  },
});

const proofRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-claims/{id}/proofs",
  tags: TAGS,
  security: BEARER,
  summary: "上传车票照片（票号、金额单位为分；JPG、PNG、WebP 或 PDF，最大 5 MB）",
  request: {
    params: IdParams,
    body: {
      content: { "multipart/form-data": { schema: ProofUploadBody } },
      required: true,
      description: "车票照片和票面信息",
    },
  },
  responses: {
    201: jsonResponse(ProofView, "已上传"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SUBSIDY_CLAIM_NOT_FOUND",
      "SUBSIDY_STATE_CONFLICT",
      "SUBSIDY_PROOF_DUPLICATE",
      "EVIDENCE_TYPE_NOT_ALLOWED",
      "EVIDENCE_TOO_LARGE",
    ),
  },
});

const proofFileRoute = createRoute({
  method: "get",
  path: "/api/v1/subsidy-claims/{id}/proofs/{proofId}/file",
  tags: TAGS,
  security: BEARER,
  summary: "查看车票照片原件（每次查看都记入审计日志）",
  request: { params: ProofParams },
  responses: {
    200: {
      description: "文件原件",
      content: Object.fromEntries(
        EVIDENCE_MEDIA_TYPES.map((t) => [
          t,
          { schema: { type: "string" as const, format: "binary" } },
        ]),
      ),
    },
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SUBSIDY_CLAIM_NOT_FOUND",
      "SUBSIDY_PROOF_NOT_FOUND",
    ),
  },
});

const submitRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-claims/{id}/submit",
  tags: TAGS,
  security: BEARER,
  summary: "提交申领（可同时填写收款账号），系统随后自动核对",
  request: { params: IdParams, body: jsonBody(SubmitBody) },
  responses: {
    200: jsonResponse(ClaimDetail, "已提交"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SUBSIDY_CLAIM_NOT_FOUND",
      "SUBSIDY_STATE_CONFLICT",
    ),
  },
});

const reviewRoute = createRoute({
  method: "post",
  path: "/api/v1/subsidy-claims/{id}/review",
  tags: TAGS,
  security: BEARER,
  summary: "审核申领（县人社部门）：通过、不通过或退回补充材料",
  request: { params: IdParams, body: jsonBody(ReviewBody) },
  responses: {
    200: jsonResponse(ClaimDetail, "已审核"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "SUBSIDY_CLAIM_NOT_FOUND",
      "SUBSIDY_STATE_CONFLICT",
      "SUBSIDY_CHECK_FAILED",
    ),
  },
});

type Ctx = Parameters<typeof getClaim>[0];

/** The claim with its tickets and its history, as the detail routes answer it. */
async function detail(ctx: Ctx, id: string) {
  const { row, proofs, events } = await getClaim(ctx, id);
  return {
    ...toClaimView(row),
    proofs: proofs.map(toProofView),
    events: events.map(({ e, actorName }) => ({
      from: e.fromStatus,
      fromLabel: e.fromStatus ? CLAIM_STATUS_TEXT[e.fromStatus].label : null,
      to: e.toStatus,
      toLabel: CLAIM_STATUS_TEXT[e.toStatus].label,
      actorRole: e.actorRole,
      actorName,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
  };
}

export const subsidyClaimsRouter = newRouter()
  .openapi(startRoute, async (c) => {
    const ctx = c.var.ctx;
    const r = await startClaim(ctx, c.req.valid("json"));
    return c.json(await detail(ctx, r.id), r.created ? 201 : 200);
  })
  .openapi(listRoute, async (c) => {
    const page = await listClaims(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toClaimView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) => c.json(await detail(c.var.ctx, c.req.valid("param").id), 200))
  .openapi(proofRoute, async (c) =>
    c.json(
      toProofView(await addProof(c.var.ctx, c.req.valid("param").id, c.req.valid("form"))),
      201,
    ),
  )
  .openapi(proofFileRoute, async (c) => {
    const { id, proofId } = c.req.valid("param");
    const { proof, stream } = await openProof(c.var.ctx, id, proofId);
    c.header("content-type", proof.mediaType);
    c.header("content-length", String(proof.sizeBytes));
    c.header("cache-control", "no-store");
    c.header("x-content-type-options", "nosniff");
    c.header("content-disposition", "attachment");
    return c.body(Readable.toWeb(stream) as ReadableStream, 200);
  })
  .openapi(submitRoute, async (c) => {
    const ctx = c.var.ctx;
    const id = await submitClaim(ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(await detail(ctx, id), 200);
  })
  .openapi(reviewRoute, async (c) => {
    const ctx = c.var.ctx;
    const updated = await reviewClaim(ctx, c.req.valid("param").id, c.req.valid("json"));
    return c.json(await detail(ctx, updated.id), 200);
  });
