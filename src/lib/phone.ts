/**
 * Mainland mobile numbers as people write them: "+86 138-0771-2345", "０１３８０７７１２３４５"
 * (a trunk 0 added out of habit), "(86)13807712345", full-width digits. Strips the country code,
 * a leading trunk 0, spaces, dashes, dots and brackets, then checks the 11-digit 1[3-9]x format.
 * Returns undefined when it is not a mobile number.
 */
export function normalizePhone(input: string): string | undefined {
  let s = toHalfWidth(input).replace(/[\s\u00a0\-.()（）]/g, "");
  if (s.startsWith("+86")) s = s.slice(3);
  else if (s.startsWith("0086")) s = s.slice(4);
  else if (s.length === 13 && s.startsWith("86")) s = s.slice(2);
  else if (s.length === 12 && s.startsWith("01")) s = s.slice(1);
  return /^1[3-9]\d{9}$/.test(s) ? s : undefined;
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ, ＋ …) to half-width, and the ideographic space to a space. */
export function toHalfWidth(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}
