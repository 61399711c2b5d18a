import { Readable } from "node:stream";
import { createRoute } from "@hono/zod-openapi";
import type { Config } from "../../config";
import { errorResponses } from "../../lib/errors";
import { BEARER, IdParams, jsonResponse, newRouter } from "../../lib/http";
import type { UploadRoute } from "../../lib/input-guard";
import {
  addEvidence,
  type Evidence,
  listEvidence,
  openEvidence,
  tooLargeMessage,
} from "./evidence";
import {
  EVIDENCE_MEDIA_TYPES,
  EvidenceListQuery,
  type EvidenceMediaType,
  EvidencePage,
  EvidenceParams,
  EvidenceUploadBody,
  EvidenceView,
} from "./schemas";

/** Room for the multipart framing and the text fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The upload's limit for the app's body guard (src/lib/input-guard.ts): the file limit plus the
 * form's framing; the service checks the file itself against EVIDENCE_MAX_BYTES exactly.
 */
export function evidenceUpload(config: Pick<Config, "EVIDENCE_MAX_BYTES">): UploadRoute {
  return {
    method: "POST",
    path: /^\/api\/v1\/employments\/[^/]+\/evidence\/?$/,
    maxBytes: config.EVIDENCE_MAX_BYTES + FORM_OVERHEAD_BYTES,
    tooLarge: tooLargeMessage(config.EVIDENCE_MAX_BYTES),
    code: "EVIDENCE_TOO_LARGE",
  };
}

const toView = (e: Evidence) => ({
  id: e.id,
  employmentId: e.employmentId,
  kind: e.kind,
  note: e.note,
  mediaType: e.mediaType as EvidenceMediaType,
  sizeBytes: e.sizeBytes,
  sha256: e.sha256,
  uploadedBy: e.uploadedBy,
  uploadedRole: e.uploadedRole,
  createdAt: e.createdAt.toISOString(),
});

const uploadRoute = createRoute({
  method: "post",
  path: "/api/v1/employments/{id}/evidence",
  tags: ["employments"],
  security: BEARER,
  summary: "上传就业证明材料（劳动合同照片、用工单位证明；JPG、PNG、WebP 或 PDF，最大 5 MB）",
  request: {
    params: IdParams,
    body: {
      content: { "multipart/form-data": { schema: EvidenceUploadBody } },
      required: true,
      description: "证明材料文件",
    },
  },
  responses: {
    201: jsonResponse(EvidenceView, "已上传"),
    ...errorResponses(
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "EMPLOYMENT_NOT_FOUND",
      "EVIDENCE_TYPE_NOT_ALLOWED",
      "EVIDENCE_TOO_LARGE",
    ),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/v1/employments/{id}/evidence",
  tags: ["employments"],
  security: BEARER,
  summary: "就业记录的证明材料列表",
  request: { params: IdParams, query: EvidenceListQuery },
  responses: {
    200: jsonResponse(EvidencePage, "证明材料"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYMENT_NOT_FOUND"),
  },
});

const fileRoute = createRoute({
  method: "get",
  path: "/api/v1/employments/{id}/evidence/{evidenceId}/file",
  tags: ["employments"],
  security: BEARER,
  summary: "下载证明材料原件（每次下载都记入审计日志）",
  request: { params: EvidenceParams },
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
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "EMPLOYMENT_NOT_FOUND", "EVIDENCE_NOT_FOUND"),
  },
});

export const evidenceRouter = newRouter()
  .openapi(uploadRoute, async (c) => {
    const form = c.req.valid("form");
    return c.json(toView(await addEvidence(c.var.ctx, c.req.valid("param").id, form)), 201);
  })
  .openapi(listRoute, async (c) => {
    const page = await listEvidence(c.var.ctx, c.req.valid("param").id, c.req.valid("query"));
    return c.json({ items: page.items.map(toView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(fileRoute, async (c) => {
    const { id, evidenceId } = c.req.valid("param");
    const { evidence, stream } = await openEvidence(c.var.ctx, id, evidenceId);
    c.header("content-type", evidence.mediaType);
    c.header("content-length", String(evidence.sizeBytes));
    c.header("cache-control", "no-store");
    c.header("x-content-type-options", "nosniff");
    c.header("content-disposition", "attachment");
    return c.body(Readable.toWeb(stream) as ReadableStream, 200);
  });
