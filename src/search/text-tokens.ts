/**
 * Text keys for the Postgres search fallback. Trigram indexes cannot serve two-character Chinese
 * words (most job keywords: 普工, 家政, 采茶), so every posting stores the CJK bigrams of its
 * searchable text plus facet keys in one `text[]` under a GIN index; a query asks for rows whose
 * array contains all of the query's keys, then rechecks each term as a substring. The fallback's
 * rule is therefore "every whitespace-separated term occurs in the searchable text" (see
 * docs/SEARCH.md for how that differs from Meilisearch's word segmentation).
 */

const HAN = /\p{Script=Han}+/gu;

/** NFKC (full-width to half-width), lower case, runs of whitespace collapsed. */
export function normalizeText(input: string): string {
  return input.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Distinct CJK bigrams of a text; single isolated characters give none. */
export function hanBigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of normalizeText(text).match(HAN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

export interface FacetKeys {
  regionCodes: string[];
  channel: string;
  certificates: string[];
  occupation: string;
}

export const facetKey = {
  region: (code: string) => `r:${code}`,
  channel: (channel: string) => `c:${channel}`,
  certificate: (code: string) => `cert:${code}`,
  occupation: (occupation: string) => `o:${normalizeText(occupation)}`,
};

/** What a posting stores: `searchText` for the substring recheck, `searchTokens` for the GIN index. */
export function postingSearchKeys(
  texts: string[],
  facets: FacetKeys,
): { searchText: string; searchTokens: string[] } {
  const normalized = texts.map(normalizeText).filter((t) => t.length > 0);
  const tokens = new Set<string>();
  // Bigrams per field, so no key straddles two fields.
  for (const t of normalized) for (const b of hanBigrams(t)) tokens.add(b);
  for (const code of facets.regionCodes) tokens.add(facetKey.region(code));
  tokens.add(facetKey.channel(facets.channel));
  for (const c of facets.certificates) tokens.add(facetKey.certificate(c));
  tokens.add(facetKey.occupation(facets.occupation));
  return { searchText: normalized.join("\n"), searchTokens: [...tokens] };
}

/** Query terms: whitespace and common punctuation separate them; at most 8 are kept. */
export function queryTerms(q: string): string[] {
  return [
    ...new Set(
      normalizeText(q)
        .split(/[\s,，、;；/|]+/)
        .filter((t) => t.length > 0),
    ),
  ].slice(0, 8);
}

/** The GIN keys of a query: every bigram of every term (a one-character term has none). */
export function queryTokens(terms: string[]): string[] {
  return [...new Set(terms.flatMap(hanBigrams))];
}

/** A LIKE pattern matching `term` anywhere, with LIKE's own metacharacters escaped. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
