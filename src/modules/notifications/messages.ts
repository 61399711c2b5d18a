/**
 * The job-recommendation push, built once and carried by any provider.
 *
 * WeChat template (公众号订阅通知 「岗位推荐通知」, chosen in the official account's console; set its id in
 * WECHAT_TEMPLATE_JOB_RECOMMENDATION). Field keys this builder fills:
 *   thing1 岗位名称 · thing2 推荐理由 · number3 推荐岗位数 · thing4 温馨提示
 * A `thing` value is at most 20 characters (WeChat rejects longer ones with 47003), so values are
 * cut with an ellipsis.
 *
 * SMS template (Aliyun, SMS_TEMPLATE_CODE), suggested wording for the application:
 *   您好，岗通根据您的培训和意愿为您推荐了${count}个岗位，如${job}。请打开微信「岗通」查看，或联系帮扶干部。
 * Aliyun variables are at most 35 characters.
 */
import type { NotifyMessage } from "./notifier";

export interface RecommendationPush {
  /** The round's id (or the first recommendation's): correlation only. */
  ref: string;
  openId: string | null;
  /** Decrypted at the moment of sending; never stored in a queue payload or log. */
  phone: string | null;
  count: number;
  topJobTitle: string;
  topReason: string;
  /** The H5 address the WeChat card opens (PUBLIC_URL/h5/…); absent: the card opens nothing. */
  page?: string;
}

/** Cuts to `max` characters (code points, not UTF-16 units), ending in … when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

export function recommendationMessage(p: RecommendationPush): NotifyMessage {
  return {
    ref: p.ref,
    to: { openId: p.openId, phone: p.phone },
    text: `岗通为您推荐了 ${p.count} 个岗位：${p.topJobTitle}（${p.topReason}）等，请打开微信「岗通」查看。`,
    wechat: {
      ...(p.page ? { page: p.page } : {}),
      data: {
        thing1: clip(p.topJobTitle, 20),
        thing2: clip(p.topReason, 20),
        number3: String(p.count),
        thing4: clip("点击查看全部推荐岗位", 20),
      },
    },
    sms: { params: { count: String(p.count), job: clip(p.topJobTitle, 35) } },
  };
}

export interface ApplicationNotice {
  ref: string;
  openId: string | null;
  phone: string | null;
  text: string;
  jobTitle: string;
  statusLabel: string;
  page?: string;
  /** WECHAT_TEMPLATE_APPLICATION_STATUS / SMS_TEMPLATE_APPLICATION_STATUS; unset: that channel is skipped. */
  wechatTemplateId?: string;
  smsTemplateCode?: string;
}

/**
 * An application's state changed (src/modules/applications/notify.ts). WeChat template
 * 「报名进度通知」: thing1 岗位名称 · phrase2 进度 · thing3 说明. SMS template suggestion:
 *   您报名的${job}有新进度：${status}。请打开微信「岗通」查看。
 * Each channel is used only with its own template configured: the recommendation templates carry
 * other fields, and a provider must not fall back to them (empty ids make it answer `fallback`).
 */
export function applicationMessage(p: ApplicationNotice): NotifyMessage {
  return {
    ref: p.ref,
    to: { openId: p.openId, phone: p.phone },
    text: p.text,
    ...(p.wechatTemplateId
      ? {
          wechat: {
            templateId: p.wechatTemplateId,
            ...(p.page ? { page: p.page } : {}),
            data: {
              thing1: clip(p.jobTitle, 20),
              phrase2: clip(p.statusLabel, 5),
              thing3: clip(p.text, 20),
            },
          },
        }
      : {}),
    sms: {
      templateCode: p.smsTemplateCode ?? "",
      params: { job: clip(p.jobTitle, 35), status: clip(p.statusLabel, 35) },
    },
  };
}

/**
 * Retention check-ins, follow-up tasks and help requests (src/modules/retention/notices.ts).
 * WeChat template 「服务提醒」: thing1 事项 · phrase2 类型 · thing3 说明. SMS template suggestion:
 *   ${title}：${label}。请打开微信「岗通」查看并回复。
 * Like application notices, each channel is used only with its own template configured.
 */
export function careMessage(p: {
  ref: string;
  openId: string | null;
  phone: string | null;
  text: string;
  title: string;
  label: string;
  page?: string;
  wechatTemplateId?: string;
  smsTemplateCode?: string;
}): NotifyMessage {
  return {
    ref: p.ref,
    to: { openId: p.openId, phone: p.phone },
    text: p.text,
    ...(p.wechatTemplateId
      ? {
          wechat: {
            templateId: p.wechatTemplateId,
            ...(p.page ? { page: p.page } : {}),
            data: {
              thing1: clip(p.title, 20),
              phrase2: clip(p.label, 5),
              thing3: clip(p.text, 20),
            },
          },
        }
      : {}),
    sms: {
      templateCode: p.smsTemplateCode ?? "",
      params: { title: clip(p.title, 35), label: clip(p.label, 35) },
    },
  };
}
