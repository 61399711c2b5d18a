/**
 * Delivery adapters share one interface. A provider answers one of:
 * - `delivered`: accepted by the provider (`providerMessageId` is its id for the message);
 * - `fallback`: this provider cannot reach this person (no openid, not subscribed, not
 *   configured) — the next provider in the chain should try; nothing was sent;
 * - `failed`: an error; `error.retryable` says whether the same message may be tried again later
 *   (the notify worker throws for a retry with backoff, else marks the delivery failed).
 * Phone numbers and openids live in the message only for the moment of sending; no adapter logs
 * them or returns them.
 */
import { maskPhone } from "../../lib/crypto";
import type { Logger } from "../../lib/logger";

export type ProviderName = "wechat" | "sms" | "dev";
export type DeliveryStatus = "delivered" | "fallback" | "failed";

export interface NotifyMessage {
  /** Correlation id for logs and the provider's records (a recommendation or round id); never personal data. */
  ref: string;
  /**
   * wechatSubscribed: whether this openid has a WeChat subscription left for the message's
   * template (recorded from the H5 page's 订阅 button); false → WeChat answers fallback without a call.
   */
  to: { openId?: string | null; phone?: string | null; wechatSubscribed?: boolean };
  /** The whole message in plain Chinese, for the dev sink and for reading in tests. */
  text: string;
  /** WeChat subscribe notification: template field keys (thing1 …) to values; page: the H5 URL it opens. */
  wechat?: { templateId?: string; page?: string; data: Record<string, string> };
  /** SMS template parameters (the template's ${name} variables). */
  sms?: { templateCode?: string; params: Record<string, string> };
}

export interface DeliveryError {
  /** The provider's own code where there is one (`43101`, `isv.BUSINESS_LIMIT_CONTROL`), else ours (`HTTP_503`, `RATE_LIMITED`). */
  code: string;
  message: string;
  retryable: boolean;
  retryAfterMs?: number;
}

export interface DeliveryResult {
  status: DeliveryStatus;
  provider: ProviderName;
  providerMessageId?: string;
  error?: DeliveryError;
  /** In a chain: the providers that fell back before this one answered. */
  fellBackFrom?: { provider: ProviderName; code: string }[];
}

export interface Notifier {
  readonly provider: ProviderName;
  send(message: NotifyMessage): Promise<DeliveryResult>;
}

export const delivered = (provider: ProviderName, providerMessageId?: string): DeliveryResult => ({
  status: "delivered",
  provider,
  ...(providerMessageId ? { providerMessageId } : {}),
});

export const fallback = (
  provider: ProviderName,
  code: string,
  message: string,
): DeliveryResult => ({
  status: "fallback",
  provider,
  error: { code, message, retryable: false },
});

export const failed = (
  provider: ProviderName,
  code: string,
  message: string,
  retryable: boolean,
  retryAfterMs?: number,
): DeliveryResult => ({
  status: "failed",
  provider,
  error: { code, message, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
});

/**
 * Tries providers in order while they answer `fallback`; the first `delivered` or `failed` is the
 * answer. A retryable failure does not fall through: retrying the same provider later avoids a
 * paid SMS for a message WeChat would have carried (and a double push if both got through).
 */
export function fallbackChain(notifiers: Notifier[]): Notifier {
  if (!notifiers.length) throw new Error("fallbackChain needs at least one notifier");
  return {
    provider: notifiers[0]!.provider,
    async send(message) {
      const fellBackFrom: { provider: ProviderName; code: string }[] = [];
      let last: DeliveryResult | undefined;
      for (const n of notifiers) {
        last = await n.send(message);
        if (last.status !== "fallback") break;
        fellBackFrom.push({ provider: n.provider, code: last.error?.code ?? "FALLBACK" });
      }
      if (last!.status === "fallback") {
        return {
          ...failed(last!.provider, "NO_CHANNEL", "no provider can reach this person", false),
          fellBackFrom,
        };
      }
      return fellBackFrom.length ? { ...last!, fellBackFrom } : last!;
    },
  };
}

export interface DevSinkRecord {
  ref: string;
  to: { openId: boolean; phone: string | null };
  text: string;
  at: Date;
}

export interface DevSink extends Notifier {
  /** Newest last; bounded so a long demo run does not grow without end. */
  readonly sent: readonly DevSinkRecord[];
  clear(): void;
}

/**
 * Development delivery: records the message in memory and writes it to the log (phone masked),
 * so `npm start` shows pushes arriving without any WeChat or SMS account.
 */
export function devSinkNotifier(
  log: Logger,
  opts: { max?: number; now?: () => Date } = {},
): DevSink {
  const max = opts.max ?? 1000;
  const now = opts.now ?? (() => new Date());
  const sent: DevSinkRecord[] = [];
  let seq = 0;
  return {
    provider: "dev",
    sent,
    clear: () => void sent.splice(0),
    async send(message) {
      const to = {
        openId: Boolean(message.to.openId),
        phone: message.to.phone ? maskPhone(message.to.phone) : null,
      };
      sent.push({ ref: message.ref, to, text: message.text, at: now() });
      if (sent.length > max) sent.splice(0, sent.length - max);
      log.info(
        { ref: message.ref, to: to.phone, wechat: to.openId },
        `开发环境推送: ${message.text}`,
      );
      return delivered("dev", `dev-${++seq}`);
    },
  };
}

/** Production with no provider configured: refuse rather than pretend to deliver. */
export const unavailableNotifier: Notifier = {
  provider: "sms",
  async send() {
    return failed("sms", "NOT_CONFIGURED", "no WeChat or SMS provider is configured", false);
  },
};
