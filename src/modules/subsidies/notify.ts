import type { Tx } from "../../../db/client";
import { addOutbox } from "../../lib/outbox";
import * as repo from "./repo";
import { CLAIM_STATUS_TEXT, type ClaimStatus } from "./rules";

/** Notification kinds written here; src/modules/notifications/deliver.ts sends them as progress notices. */
export const SUBSIDY_NOTICE = "subsidy";
export const SUBSIDY_CADRE_NOTICE = "subsidy_cadre";

export interface ClaimNotice {
  claimId: string;
  /** Unique per claim and move (the state and the submission or event), so a rerun sends nothing twice. */
  key: string;
  programmeName: string;
  labourerId: string;
  labourerName: string;
  cadreUserId: string | null;
  status: ClaimStatus;
  /** What is missing or why, in plain words; "" when nothing. */
  detail: string;
  at: Date;
  /** Tell the cadre too (a proposal, a return, a rejection, a failed payment). */
  cadre: boolean;
}

/**
 * The labourer (and, when asked, their cadre) hears of the claim through the same rows → outbox →
 * notify worker chain as every other push, written in the move's own transaction.
 */
export async function notifyClaim(tx: Tx, n: ClaimNotice): Promise<void> {
  await notifyClaims(tx, [n]);
}

/** Many at once (a return file's thousands of rows): 2,000 rows per insert. */
export async function notifyClaims(tx: Tx, notices: ClaimNotice[]): Promise<void> {
  const rows: Parameters<typeof repo.insertNotifications>[1] = [];
  for (const n of notices) {
    const text = CLAIM_STATUS_TEXT[n.status];
    const content = {
      claimId: n.claimId,
      jobTitle: n.programmeName,
      status: n.status,
      statusLabel: text.label,
    };
    const detail = n.detail ? `${n.detail}。` : "";
    rows.push({
      kind: SUBSIDY_NOTICE,
      subjectKey: `${n.claimId}:${n.key}`,
      labourerId: n.labourerId,
      createdAt: n.at,
      content: { ...content, text: `${n.programmeName}：${text.label}。${detail}${text.next}` },
    });
    if (n.cadre && n.cadreUserId)
      rows.push({
        kind: SUBSIDY_CADRE_NOTICE,
        subjectKey: `${n.claimId}:${n.key}`,
        labourerId: n.labourerId,
        userId: n.cadreUserId,
        createdAt: n.at,
        content: {
          ...content,
          text: `您帮扶的${n.labourerName}的${n.programmeName}：${text.label}。${detail}请帮助其办理。`,
        },
      });
  }
  for (let i = 0; i < rows.length; i += 2000) {
    const created = await repo.insertNotifications(tx, rows.slice(i, i + 2000));
    await addOutbox(
      tx,
      ...created.map((c) => ({ type: "notification.created" as const, aggregateId: c.id })),
    );
  }
}
