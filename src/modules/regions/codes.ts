/**
 * GB/T 2260 codes come padded (450300 for 桂林市, 450000 for 广西, 450332000000 for a county in
 * 12-digit statistical form); we store the short canonical form so that scope is a prefix test.
 * Returns undefined for anything that is not a well-formed code.
 */
export function canonicalRegionCode(input: string): string | undefined {
  const s = input.trim();
  if (!/^\d{2,12}$/.test(s)) return undefined;
  if (s.length === 12) return trimZeros(s, [12, 9, 6, 4, 2]);
  if (s.length === 9) return trimZeros(s, [9, 6, 4, 2]);
  if (s.length === 6) return trimZeros(s, [6, 4, 2]);
  if (s.length === 4 || s.length === 2) return s;
  return undefined;
}

function trimZeros(s: string, lengths: number[]): string {
  // Drop trailing all-zero segments: 450300 → 4503, 450000 → 45, 450332100000 → 450332100.
  for (let i = 0; i < lengths.length - 1; i++) {
    const len = lengths[i]!;
    const next = lengths[i + 1]!;
    if (!/^0+$/.test(s.slice(next, len))) return s.slice(0, len);
  }
  return s.slice(0, lengths[lengths.length - 1]);
}

/** The six-digit display form of a province/city/county code: 4503 → 450300. */
export function sixDigit(code: string): string {
  return code.length >= 6 ? code.slice(0, 6) : code.padEnd(6, "0");
}

export type RegionLevel = "province" | "city" | "county" | "township" | "village";

export function levelOf(code: string): RegionLevel | undefined {
  switch (code.length) {
    case 2:
      return "province";
    case 4:
      return "city";
    case 6:
      return "county";
    case 9:
      return "township";
    case 12:
      return "village";
    default:
      return undefined;
  }
}

/** Codes of the region and every ancestor, outermost first: 450332100 → [45, 4503, 450332, 450332100]. */
export function ancestry(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

export const GUANGXI = "45";
export const GUANGDONG = "44";
