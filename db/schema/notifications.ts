import { sql } from "drizzle-orm";
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { id, tstz } from "./columns";
import { deliveryStatus } from "./recommendations";

/** One push per round (the round's jobs in one message), plus cadre digests. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    /** `round` (to the labourer) or `cadre_digest`. */
    kind: varchar({ length: 24 }).notNull(),
    /** The round id for `round`; `<cadreUserId>:<yyyy-mm-dd>` for a digest. */
    subjectKey: text().notNull(),
    labourerId: uuid(),
    userId: uuid(),
    status: deliveryStatus().notNull().default("pending"),
    provider: varchar({ length: 24 }),
    providerMessageId: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** What was sent (Chinese text and job ids): never an ID or phone number. */
    content: jsonb().notNull(),
    sendingAt: tstz(),
    finishedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_subject_uq").on(t.kind, t.subjectKey),
    index("notifications_status_idx").on(t.status, t.createdAt),
    // Monitoring: a labourer's last push (src/modules/stats warning lists).
    index("notifications_labourer_idx")
      .on(t.labourerId, t.createdAt)
      .where(sql`${t.labourerId} is not null`),
  ],
);

/**
 * WeChat 订阅通知 a person allowed from the H5 page (wx-open-subscribe), per openid of the
 * official account and template: each 允许 is one push WeChat will carry (一次性订阅); a push sent
 * uses one, WeChat's 43101 (refused, or used up) clears them. No row or none left: the notifier
 * does not call WeChat and SMS carries the push (docs/WECHAT.md).
 */
export const wechatSubscriptions = pgTable(
  "wechat_subscriptions",
  {
    openid: text().notNull(),
    templateId: text().notNull(),
    remaining: integer().notNull().default(0),
    acceptedAt: tstz(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("wechat_subscriptions_uq").on(t.openid, t.templateId)],
);
