import type { Ctx } from "../../lib/ctx";
import { APPLICATION_CADRE_NOTICE, APPLICATION_NOTICE } from "../applications/notify";
import type { CareContent } from "../retention/notices";
import { CARE_NOTICE_KINDS } from "../retention/rules";
import { SUBSIDY_CADRE_NOTICE, SUBSIDY_NOTICE } from "../subsidies/notify";
import { type DeliveryStore, directDeliveryStore } from "./deliver-batch";
import { applicationMessage, careMessage, recommendationMessage } from "./messages";
import type { DeliveryResult } from "./notifier";
import { findNotification, finishNotification, releaseForRetry } from "./repo";
import { h5Link, subscriptionSpend, withSubscription } from "./wechat-reach";

export type DeliveryOutcome =
  | "delivered"
  | "fallback"
  | "failed"
  | "unknown"
  | "skipped"
  | "already-final";

/** A transient failure: the worker rethrows it so BullMQ retries with backoff. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Delivers one notification at most once. The row moves pending → sending before the provider
 * is called; a run that finds it already `sending` knows an earlier run died mid-call and marks
 * it `unknown` instead of sending again — nobody gets the same round twice. A retryable provider
 * failure moves it back to pending and throws, so the job's backoff retries it.
 */
export async function deliverNotification(
  ctx: Ctx,
  notificationId: string,
  store: DeliveryStore = directDeliveryStore(ctx.db),
): Promise<DeliveryOutcome> {
  const n = await store.claim(notificationId, ctx.now());
  if (!n) {
    // Not pending: already final, or an earlier run died mid-call (`sending`).
    const row = await findNotification(ctx.db, notificationId);
    if (row?.status !== "sending") return "already-final";
    await finish(ctx, row, "unknown", {
      lastError: "an earlier delivery attempt stopped mid-call",
    });
    return "unknown";
  }
  const to = { openId: n.openid, phone: n.phone_enc ? ctx.pii.decrypt(n.phone_enc) : null };
  const built = CARE_NOTICE_KINDS.includes(n.kind)
    ? careMessage({
        ref: n.id,
        openId: to.openId,
        phone: to.phone,
        ...(n.content as CareContent),
        page: h5Link(ctx.config),
        wechatTemplateId: ctx.config.WECHAT_TEMPLATE_CARE_NOTICE,
        smsTemplateCode: ctx.config.SMS_TEMPLATE_CARE_NOTICE,
      })
    : [APPLICATION_NOTICE, APPLICATION_CADRE_NOTICE, SUBSIDY_NOTICE, SUBSIDY_CADRE_NOTICE].includes(
          n.kind,
        )
      ? applicationNotice(
          ctx,
          n.id,
          to,
          n.content as { text: string; jobTitle: string; statusLabel: string },
          claimPage(ctx, n.kind, (n.content as { claimId?: string }).claimId),
        )
      : roundPush(
          ctx,
          n.id,
          to,
          n.content as {
            text: string;
            jobIds?: string[];
            first?: { title: string; reason: string } | null;
          },
        );
  const message = withSubscription(ctx, built, n.subscribed ?? []);
  let result: DeliveryResult;
  try {
    result = await ctx.notifier.send(message);
  } catch (err) {
    // The adapter itself threw (a bug or a broken network stack): treat as retryable.
    result = {
      status: "failed",
      provider: ctx.notifier.provider,
      error: { code: "ADAPTER_ERROR", message: String((err as Error).message), retryable: true },
    };
  }
  if (result.status === "failed" && result.error?.retryable) {
    await releaseForRetry(
      ctx.db,
      n.id,
      `${result.error.code}: ${result.error.message}`.slice(0, 500),
    );
    throw new RetryableDeliveryError(
      `${result.provider} ${result.error.code}`,
      result.error.retryAfterMs,
    );
  }
  const status =
    result.status === "delivered"
      ? result.fellBackFrom?.length
        ? "fallback"
        : "delivered"
      : "failed";
  await store.finish({
    n: { id: n.id, subjectKey: n.subject_key, kind: n.kind },
    status,
    provider: result.provider,
    providerMessageId: result.providerMessageId ?? null,
    lastError: result.error ? `${result.error.code}: ${result.error.message}`.slice(0, 500) : null,
    now: ctx.now(),
    spend: subscriptionSpend(ctx, message, result),
  });
  return status;
}

type Recipient = { openId: string | null; phone: string | null };

/** A round's push or a cadre digest: one message shape for every provider; the full multi-line text is what the dev sink shows. */
function roundPush(
  ctx: Ctx,
  ref: string,
  to: Recipient,
  content: { text: string; jobIds?: string[]; first?: { title: string; reason: string } | null },
) {
  return {
    ...recommendationMessage({
      ref,
      openId: to.openId,
      phone: to.phone,
      count: content.jobIds?.length ?? 0,
      topJobTitle: content.first?.title ?? "",
      topReason: content.first?.reason ?? "",
      // One posting: the card opens it; several: the recommendations list.
      page: h5Link(ctx.config, content.jobIds?.length === 1 ? `#job/${content.jobIds[0]}` : ""),
    }),
    text: content.text,
  };
}

/**
 * A subsidy claim's notice opens that claim: the labourer's H5 page at `#subsidy/<id>`, the cadre's
 * bureau portal at `#/subsidy/claims/<id>`. Other progress notices open the H5 page.
 */
function claimPage(ctx: Ctx, kind: string, claimId: string | undefined): string | undefined {
  if (!claimId) return h5Link(ctx.config);
  if (kind === SUBSIDY_NOTICE) return h5Link(ctx.config, `#subsidy/${claimId}`);
  if (kind === SUBSIDY_CADRE_NOTICE && ctx.config.PUBLIC_URL)
    return `${new URL("/portal/bureau/", ctx.config.PUBLIC_URL).toString()}#/subsidy/claims/${claimId}`;
  return h5Link(ctx.config);
}

/** An application's or a subsidy claim's progress (to the labourer, or to their cadre), under its own templates. */
function applicationNotice(
  ctx: Ctx,
  ref: string,
  to: Recipient,
  content: { text: string; jobTitle: string; statusLabel: string },
  page: string | undefined,
) {
  return applicationMessage({
    ref,
    openId: to.openId,
    phone: to.phone,
    text: content.text,
    jobTitle: content.jobTitle,
    statusLabel: content.statusLabel,
    page,
    wechatTemplateId: ctx.config.WECHAT_TEMPLATE_APPLICATION_STATUS,
    smsTemplateCode: ctx.config.SMS_TEMPLATE_APPLICATION_STATUS,
  });
}

/**
 * The job's last attempt failed retryably too: the push ends `failed` (staff see it and may
 * resend), instead of staying `pending` with no job left that would ever deliver it.
 */
export async function giveUpDelivery(
  ctx: Ctx,
  notificationId: string,
  lastError: string,
): Promise<void> {
  const n = await findNotification(ctx.db, notificationId);
  if (!n || n.status !== "pending") return;
  await finish(ctx, n, "failed", {
    lastError: `retries exhausted: ${lastError}`.slice(0, 500),
  });
}

const finish = (
  ctx: Ctx,
  n: { id: string; subjectKey: string; kind: string },
  status: "failed" | "unknown",
  fields: { lastError: string },
) => finishNotification(ctx.db, n, status, fields, ctx.now());
