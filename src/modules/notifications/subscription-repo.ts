import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { wechatSubscriptions } from "../../../db/schema/notifications";

/** More 允许 than this are not counted: a person tapping 订阅 again and again gains nothing. */
export const MAX_SUBSCRIPTIONS_PER_TEMPLATE = 20;

/** Each accepted template gains one push (up to the cap). */
export async function addWechatSubscriptions(
  db: Executor,
  openid: string,
  templateIds: string[],
  now: Date,
): Promise<void> {
  if (!templateIds.length) return;
  await db
    .insert(wechatSubscriptions)
    .values(
      templateIds.map((templateId) => ({
        openid,
        templateId,
        remaining: 1,
        acceptedAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [wechatSubscriptions.openid, wechatSubscriptions.templateId],
      set: {
        remaining: sql`least(${wechatSubscriptions.remaining} + 1, ${MAX_SUBSCRIPTIONS_PER_TEMPLATE})`,
        acceptedAt: now,
        updatedAt: now,
      },
    });
}

/** How many pushes each of these templates may still carry to this openid (absent: none). */
export async function wechatSubscriptionsLeft(
  db: Executor,
  openid: string,
  templateIds: string[],
): Promise<Map<string, number>> {
  if (!templateIds.length) return new Map();
  const rows = await db
    .select({
      templateId: wechatSubscriptions.templateId,
      remaining: wechatSubscriptions.remaining,
    })
    .from(wechatSubscriptions)
    .where(
      and(
        eq(wechatSubscriptions.openid, openid),
        inArray(wechatSubscriptions.templateId, templateIds),
        gt(wechatSubscriptions.remaining, 0),
      ),
    );
  return new Map(rows.map((r) => [r.templateId, r.remaining]));
}
