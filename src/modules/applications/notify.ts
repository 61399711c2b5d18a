import type { Tx } from "../../../db/client";
import { addOutbox } from "../../lib/outbox";
import * as repo from "./repo";
import {
  type ApplicationReason,
  type ApplicationStatus,
  CADRE_NOTIFIED,
  reasonLabel,
  STATUS_TEXT,
} from "./rules";

/** Notification kinds written here; src/modules/notifications/deliver.ts builds their message. */
export const APPLICATION_NOTICE = "application";
export const APPLICATION_CADRE_NOTICE = "application_cadre";

export interface MoveNotice {
  eventId: number;
  applicationId: string;
  jobId: string;
  jobTitle: string;
  labourerId: string;
  labourerName: string;
  cadreUserId: string | null;
  to: ApplicationStatus;
  reason: ApplicationReason | null;
  at: Date;
}

/**
 * Every move that concerns the labourer notifies them; a rejection or no-show also notifies their
 * cadre. The rows and their `notification.created` outbox rows are written in the move's own
 * transaction (keyed by the event id, so nothing is sent twice) and go through the same relay
 * and notify worker as recommendation pushes.
 */
export async function notifyMove(tx: Tx, n: MoveNotice): Promise<void> {
  const text = STATUS_TEXT[n.to];
  const why = reasonLabel(n.reason);
  const content = {
    applicationId: n.applicationId,
    jobId: n.jobId,
    jobTitle: n.jobTitle,
    status: n.to,
    statusLabel: text.label,
  };
  const rows: Parameters<typeof repo.insertNotifications>[1] = [
    {
      kind: APPLICATION_NOTICE,
      subjectKey: String(n.eventId),
      labourerId: n.labourerId,
      createdAt: n.at,
      content: {
        ...content,
        text: `您报名的「${n.jobTitle}」：${text.label}${why ? `（${why}）` : ""}。${text.next}`,
      },
    },
  ];
  if (n.cadreUserId && CADRE_NOTIFIED.includes(n.to)) {
    rows.push({
      kind: APPLICATION_CADRE_NOTICE,
      subjectKey: String(n.eventId),
      labourerId: n.labourerId,
      userId: n.cadreUserId,
      createdAt: n.at,
      content: {
        ...content,
        text: `您帮扶的${n.labourerName}报名「${n.jobTitle}」${text.label}${why ? `（${why}）` : ""}，请联系了解情况，帮助其继续找工作。`,
      },
    });
  }
  const created = await repo.insertNotifications(tx, rows);
  await addOutbox(
    tx,
    ...created.map((c) => ({ type: "notification.created" as const, aggregateId: c.id })),
  );
}
