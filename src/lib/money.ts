/**
 * Money is integer fen everywhere. These turn fen into the yuan text people and banks read and
 * back, with string and integer operations only: no amount ever passes through a float.
 */

/** 123456 → "1234.56"; 5 → "0.05"; -150 → "-1.50". */
export function fenToYuan(fen: number | bigint): string {
  const n = BigInt(fen);
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const YUAN_RE = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * "1234.5" / "1234.50" / "1,234.50" / "¥1234" / "1234元" → 123450; anything else (more than two
 * decimals, a sign, letters) → undefined. The text is parsed as digits, never as a float.
 */
export function yuanToFen(text: string): number | undefined {
  const cleaned = text.replace(/[\s,，¥￥]|元$/g, "");
  const m = YUAN_RE.exec(cleaned);
  if (!m) return undefined;
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : undefined;
}
