import type { z } from "zod";

/**
 * Plain-Chinese messages for every zod issue, for the person at the screen (an employer typing a
 * wage, a cadre filling a form). zod's own zh-CN locale names types and operators ("数值过大：期望
 * number <=10000", "期望 string"); these say what to do instead ("数值不能大于 10000", "请填写").
 * No Latin letters ever: tests/unit/zod-zh.test.ts walks every issue kind. A schema's own message
 * (`.min(2, "…")`, `.refine(fn, "…")`) still wins over this map.
 */
type Issue = Parameters<z.core.$ZodErrorMap>[0];

const SIZED_UNIT: Record<string, string> = {
  string: "个字",
  array: "项",
  set: "项",
  map: "项",
  file: "字节",
};

const FORMAT: Record<string, string> = {
  email: "电子邮箱",
  url: "网址",
  uuid: "编号",
  guid: "编号",
  date: "日期（年-月-日）",
  datetime: "日期时间",
  time: "时间",
  duration: "时长",
  ipv4: "网络地址",
  ipv6: "网络地址",
  e164: "电话号码",
  base64: "编码内容",
  base64url: "编码内容",
  json_string: "内容",
  jwt: "令牌",
};

const TYPE: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "是或否",
  date: "日期",
  array: "列表",
  object: "一组内容",
  file: "文件",
};

/** A number as a person reads it (no exponent, no "Infinity"). */
function num(value: unknown): string {
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  if (!Number.isFinite(n)) return "规定";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}

function dateText(value: unknown): string {
  const d = value instanceof Date ? value : new Date(Number(value));
  if (Number.isNaN(d.getTime())) return "规定日期";
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function sizeMessage(issue: Extract<Issue, { code: "too_big" | "too_small" }>): string {
  const big = issue.code === "too_big";
  const limit = big
    ? (issue as { maximum: unknown }).maximum
    : (issue as { minimum: unknown }).minimum;
  const inclusive = issue.inclusive !== false;
  const unit = SIZED_UNIT[issue.origin ?? ""];
  if (unit) {
    const n = Number(limit) + (inclusive ? 0 : big ? -1 : 1);
    if (!big && n <= 1) return "请填写";
    return big ? `最多填写 ${n} ${unit}` : `至少填写 ${n} ${unit}`;
  }
  if (issue.origin === "date")
    return big ? `日期不能晚于 ${dateText(limit)}` : `日期不能早于 ${dateText(limit)}`;
  if (big) return inclusive ? `数值不能大于 ${num(limit)}` : `数值要小于 ${num(limit)}`;
  return inclusive ? `数值不能小于 ${num(limit)}` : `数值要大于 ${num(limit)}`;
}

/** The error map: one plain-Chinese sentence per issue, whatever its kind. */
export function zhErrorMap(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined || issue.input === null || issue.input === "") return "请填写";
      const expected = TYPE[issue.expected] ?? "";
      return expected ? `请填写${expected}` : "格式不正确";
    }
    case "too_big":
    case "too_small":
      return sizeMessage(issue);
    case "invalid_format": {
      if (
        issue.format === "starts_with" ||
        issue.format === "ends_with" ||
        issue.format === "includes" ||
        issue.format === "regex"
      )
        return "格式不正确";
      const what = FORMAT[issue.format];
      return what ? `${what}格式不正确` : "格式不正确";
    }
    case "not_multiple_of":
      return `请填写 ${num(issue.divisor)} 的整数倍`;
    case "invalid_value":
      return issue.values.length === 1 ? "填写的内容不对" : "请从给出的选项中选择";
    case "unrecognized_keys":
      return `有 ${issue.keys.length} 项内容不认识，请删除`;
    case "invalid_union":
      return "格式不正确";
    case "invalid_key":
      return "内容的名称不正确";
    case "invalid_element":
      return "其中有一项不正确";
    case "custom":
      return "填写的内容不对";
    default:
      return "填写的内容不对";
  }
}
