/**
 * Mainland mobile numbers: strips +86 / 0086 / 86, spaces, dashes and full-width digits, then
 * checks the 11-digit 1[3-9]x format. Returns undefined when it is not a mobile number.
 */
export function normalizePhone(input: string): string | undefined {
  let s = toHalfWidth(input).replace(/[\s\-()（）]/g, "");
  if (s.startsWith("+86")) s = s.slice(3);
  else if (s.startsWith("0086")) s = s.slice(4);
  else if (s.length === 13 && s.startsWith("86")) s = s.slice(2);
  return /^1[3-9]\d{9}$/.test(s) ? s : undefined;
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ, ＋ …) to half-width, and the ideographic space to a space. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}
