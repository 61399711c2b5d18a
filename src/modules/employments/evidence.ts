import type { Readable } from "node:stream";
import type { employmentEvidence } from "../../../db/schema/placement";
import { writeAudit } from "../../lib/audit";
import { assertRole } from "../../lib/auth";
import type { Ctx } from "../../lib/ctx";
import { AppError } from "../../lib/errors";
import { decodeCursor, pageOf } from "../../lib/keyset";
import { inRegionScope } from "../../lib/scope";
import * as repo from "./repo";
import type { EvidenceMediaType } from "./schemas";

/**
 * Evidence behind an employment record (docs/PLACEMENT.md, "Evidence"): contract photos and
 * employer confirmations, uploaded by staff in scope of the labourer. The type is read from the
 * file's first bytes, never from the client's content type or file name; a refused file leaves
 * nothing behind. Every download writes an audit_log row.
 */

export type Evidence = typeof employmentEvidence.$inferSelect;
export type EvidenceKind = Evidence["kind"];

const STAFF = ["bureau", "cadre", "admin"] as const;
export const EVIDENCE_READ = "employment.evidence.read";
export const TYPE_NOT_ALLOWED = "只能上传照片（JPG、PNG）或 PDF 文件";
export const tooLargeMessage = (maxBytes: number) =>
  `文件过大：证明材料最大 ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB，请压缩照片后重新上传`;

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/** The media type the bytes are, when they are one we take; undefined otherwise. */
export function detectEvidenceType(b: Uint8Array): EvidenceMediaType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, ascii("%PDF-"))) return "application/pdf";
  if (startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8)) return "image/webp";
  return undefined;
}

/** The record, when the actor is staff in scope of its labourer; otherwise it does not exist (404). */
async function recordInScope(ctx: Ctx, employmentId: string) {
  assertRole(ctx.actor, [...STAFF]);
  const row = await repo.findEmployment(ctx.db, employmentId);
  if (!row || !inRegionScope(ctx.actor, row.villageCode))
    throw new AppError("EMPLOYMENT_NOT_FOUND", "未找到该就业记录");
  return row.e;
}

export interface EvidenceUpload {
  file: File;
  kind?: EvidenceKind;
  note?: string;
}

/** Checks size and type before anything is written; then the file, then the row (the file goes if the row fails). */
export async function addEvidence(
  ctx: Ctx,
  employmentId: string,
  input: EvidenceUpload,
): Promise<Evidence> {
  const record = await recordInScope(ctx, employmentId);
  const max = ctx.config.EVIDENCE_MAX_BYTES;
  if (input.file.size > max)
    throw new AppError("EVIDENCE_TOO_LARGE", tooLargeMessage(max), { field: "file" });
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  if (bytes.length === 0)
    throw new AppError("VALIDATION_FAILED", "上传的文件是空的，请重新选择", { field: "file" });
  const mediaType = detectEvidenceType(bytes);
  if (!mediaType)
    throw new AppError("EVIDENCE_TYPE_NOT_ALLOWED", TYPE_NOT_ALLOWED, { field: "file" });
  const actor = ctx.actor.kind === "user" ? ctx.actor : undefined;
  const stored = await ctx.files.put(bytes);
  try {
    return await repo.insertEvidence(ctx.db, {
      employmentId: record.id,
      storageKey: stored.key,
      kind: input.kind ?? "other",
      note: input.note?.trim() || null,
      mediaType,
      sizeBytes: stored.bytes,
      sha256: stored.sha256,
      uploadedBy: actor?.userId ?? null,
      uploadedRole: actor?.role ?? "system",
      createdAt: ctx.now(),
    });
  } catch (err) {
    await ctx.files.remove(stored.key);
    throw err;
  }
}

export async function listEvidence(
  ctx: Ctx,
  employmentId: string,
  input: { cursor?: string; limit: number },
) {
  const record = await recordInScope(ctx, employmentId);
  const rows = await repo.listEvidence(ctx.db, record.id, decodeCursor(input.cursor), input.limit);
  return pageOf(rows, input.limit);
}

/**
 * The file's bytes for staff in scope; the read is recorded in audit_log (who, which file, whose
 * record) before the bytes go out — evidence is personal data (a contract names the person).
 */
export async function openEvidence(
  ctx: Ctx,
  employmentId: string,
  evidenceId: string,
): Promise<{ evidence: Evidence; stream: Readable }> {
  const record = await recordInScope(ctx, employmentId);
  const evidence = await repo.findEvidence(ctx.db, record.id, evidenceId);
  const stream = evidence ? await ctx.files.get(evidence.storageKey) : undefined;
  if (!evidence || !stream) throw new AppError("EVIDENCE_NOT_FOUND", "未找到该证明材料");
  const actor = ctx.actor.kind === "user" ? ctx.actor : undefined;
  try {
    await writeAudit(ctx.db, {
      at: ctx.now(),
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? "system",
      action: EVIDENCE_READ,
      entityType: "employment_evidence",
      entityId: evidence.id,
      requestId: ctx.requestId,
      // A contract photo is the person's personal data: the row names whose it is.
      details: { employmentId: record.id, labourerId: record.labourerId, kind: evidence.kind },
    });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  return { evidence, stream };
}
