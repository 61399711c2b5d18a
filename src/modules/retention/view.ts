import type { TaskRow } from "./care-repo";
import type { CheckIn, HelpRequest } from "./repo";
import {
  CHECK_IN_ANSWER_LABELS,
  CHECK_IN_QUESTION,
  CHECK_IN_STATUS_LABELS,
  FOLLOW_UP_KIND_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  HELP_KIND_LABELS,
  HELP_STATUS_LABELS,
  LEFT_REASON_LABELS,
} from "./rules";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCheckInView(c: CheckIn, employerName: string) {
  return {
    id: c.id,
    employmentId: c.employmentId,
    labourerId: c.labourerId,
    employerName,
    dayOffset: c.dayOffset,
    dueDate: c.dueDate,
    question: CHECK_IN_QUESTION,
    status: c.status,
    statusLabel: CHECK_IN_STATUS_LABELS[c.status],
    recipient: c.recipient,
    askedAt: c.askedAt.toISOString(),
    answer: c.answer,
    answerLabel: c.answer ? CHECK_IN_ANSWER_LABELS[c.answer] : null,
    reason: c.endReason,
    reasonLabel: c.endReason ? LEFT_REASON_LABELS[c.endReason] : null,
    endDate: c.endDate,
    note: c.answerNote,
    answeredAt: iso(c.answeredAt),
    answeredRole: c.answeredRole,
    followUpAt: iso(c.followUpAt),
    createdAt: c.createdAt.toISOString(),
  };
}

export function toHelpRequestView(r: HelpRequest) {
  return {
    id: r.id,
    labourerId: r.labourerId,
    kind: r.kind,
    kindLabel: HELP_KIND_LABELS[r.kind],
    text: r.text,
    status: r.status,
    statusLabel: HELP_STATUS_LABELS[r.status],
    answer: r.answer,
    answeredAt: iso(r.answeredAt),
    answeredRole: r.answeredRole,
    responseSeconds: r.responseSeconds,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toFollowUpView(row: TaskRow) {
  const { t } = row;
  return {
    id: t.id,
    kind: t.kind,
    kindLabel: FOLLOW_UP_KIND_LABELS[t.kind],
    status: t.status,
    statusLabel: FOLLOW_UP_STATUS_LABELS[t.status],
    labourer: {
      id: t.labourerId,
      name: row.name,
      villageCode: row.villageCode,
      phoneMasked: row.phoneMasked,
    },
    checkIn:
      t.checkInId && row.checkIn
        ? {
            id: t.checkInId,
            employmentId: row.checkIn.employmentId,
            employerName: row.employerName ?? "",
            dayOffset: row.checkIn.dayOffset,
            dueDate: row.checkIn.dueDate,
          }
        : null,
    helpRequest:
      t.helpRequestId && row.help
        ? {
            id: t.helpRequestId,
            kind: row.help.kind,
            kindLabel: HELP_KIND_LABELS[row.help.kind],
            text: row.help.text,
          }
        : null,
    resolution: t.resolution,
    answer: t.answer,
    resolvedAt: iso(t.resolvedAt),
    resolvedRole: t.resolvedRole,
    createdAt: t.createdAt.toISOString(),
  };
}
