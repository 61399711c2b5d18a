import type { Tx } from "../../../db/client";
import type { notifications } from "../../../db/schema/recommendations";
import { addOutbox } from "../../lib/outbox";
import * as repo from "./repo";
import { CARE_NOTICES, CHECK_IN_QUESTION, HELP_KIND_LABELS, type HelpKind } from "./rules";

type NoticeRow = typeof notifications.$inferInsert;

/**
 * What every care notice carries: the Chinese text, a short title and label for the WeChat
 * template, and the ids the page opens. Never an ID or phone number.
 */
export interface CareContent {
  text: string;
  title: string;
  label: string;
  [key: string]: unknown;
}

/** Writes the rows (keyed by kind + subject, so nothing is sent twice) and their outbox rows, in the caller's transaction. */
export async function writeNotices(tx: Tx, rows: NoticeRow[]): Promise<number> {
  const created = await repo.insertNotifications(tx, rows);
  await addOutbox(
    tx,
    ...created.map((c) => ({ type: "notification.created" as const, aggregateId: c.id })),
  );
  return created.length;
}

export interface CheckInAsk {
  checkInId: string;
  employmentId: string;
  labourerId: string;
  name: string;
  employerName: string;
  dayOffset: number;
  recipient: "labourer" | "cadre";
  cadreUserId: string | null;
  at: Date;
}

/** The check-in question: to the labourer, or to their cadre when the labourer cannot be reached. */
export function checkInNotice(a: CheckInAsk): NoticeRow {
  const ids = { checkInId: a.checkInId, employmentId: a.employmentId, dayOffset: a.dayOffset };
  if (a.recipient === "labourer")
    return {
      kind: CARE_NOTICES.checkIn,
      subjectKey: a.checkInId,
      labourerId: a.labourerId,
      createdAt: a.at,
      content: {
        ...ids,
        title: a.employerName,
        label: "在岗回访",
        text: `您在「${a.employerName}」上岗已 ${a.dayOffset} 天，${CHECK_IN_QUESTION}请打开岗通点「在」或「不在了」。`,
      } satisfies CareContent,
    };
  return {
    kind: CARE_NOTICES.checkInCadre,
    subjectKey: a.checkInId,
    labourerId: a.labourerId,
    userId: a.cadreUserId,
    createdAt: a.at,
    content: {
      ...ids,
      title: a.employerName,
      label: "在岗回访",
      text: `您帮扶的${a.name}在「${a.employerName}」上岗已 ${a.dayOffset} 天（本人未同意或无法接收推送），请联系了解是否还在这里工作，并在岗通代为回答。`,
    } satisfies CareContent,
  };
}

export function followUpNotice(f: {
  taskId: string;
  checkInId: string;
  labourerId: string;
  name: string;
  employerName: string;
  dayOffset: number;
  cadreUserId: string;
  at: Date;
}): NoticeRow {
  return {
    kind: CARE_NOTICES.followUpCadre,
    subjectKey: f.taskId,
    labourerId: f.labourerId,
    userId: f.cadreUserId,
    createdAt: f.at,
    content: {
      taskId: f.taskId,
      checkInId: f.checkInId,
      title: f.employerName,
      label: "回访待跟进",
      text: `${f.name}在「${f.employerName}」上岗第 ${f.dayOffset} 天的回访 3 天未回答，已列入您的待办，请联系了解是否还在这里工作。`,
    } satisfies CareContent,
  };
}

export function helpNotices(h: {
  taskId: string;
  helpRequestId: string;
  labourerId: string;
  name: string;
  kind: HelpKind;
  text: string | null;
  cadreUserIds: string[];
  at: Date;
}): NoticeRow[] {
  const label = HELP_KIND_LABELS[h.kind];
  return h.cadreUserIds.map((userId) => ({
    kind: CARE_NOTICES.helpCadre,
    subjectKey: `${h.helpRequestId}:${userId}`,
    labourerId: h.labourerId,
    userId,
    createdAt: h.at,
    content: {
      taskId: h.taskId,
      helpRequestId: h.helpRequestId,
      title: `${h.name}求助`,
      label,
      text: `${h.name}求助：${label}${h.text ? `（${h.text}）` : ""}。请尽快联系并在岗通答复。`,
    } satisfies CareContent,
  }));
}

export function helpAnswerNotice(a: {
  helpRequestId: string;
  labourerId: string;
  kind: HelpKind;
  answer: string;
  at: Date;
}): NoticeRow {
  const label = HELP_KIND_LABELS[a.kind];
  return {
    kind: CARE_NOTICES.helpAnswer,
    subjectKey: a.helpRequestId,
    labourerId: a.labourerId,
    createdAt: a.at,
    content: {
      helpRequestId: a.helpRequestId,
      title: `求助：${label}`,
      label: "已答复",
      text: `您的求助（${label}）已有答复：${a.answer}`,
    } satisfies CareContent,
  };
}
