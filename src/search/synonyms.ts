import { OCCUPATION_SYNONYMS } from "./data/occupation-synonyms";
import { wordsForPinyin } from "./pinyin";
import { normalizeText } from "./text-tokens";

/**
 * The occupation synonym table (src/search/data/occupation-synonyms.ts) in the two shapes the
 * search paths need: Meilisearch's `synonyms` setting and the Postgres fallback's per-term
 * alternatives. Both come from one map, so both paths find the same postings for 月嫂.
 */
let cached: Map<string, string[]> | undefined;

/** word → the other words a search for it also finds (never itself). */
export function synonymMap(): Map<string, string[]> {
  if (cached) return cached;
  const acc = new Map<string, Set<string>>();
  const add = (from: string, to: string[]) => {
    const k = normalizeText(from);
    const set = acc.get(k) ?? new Set<string>();
    for (const t of to.map(normalizeText)) if (t !== k) set.add(t);
    acc.set(k, set);
  };
  for (const row of OCCUPATION_SYNONYMS) {
    if ("same" in row) for (const w of row.same) add(w, row.same);
    else for (const w of row.from) add(w, row.to);
  }
  cached = new Map([...acc].map(([k, v]) => [k, [...v].sort()]));
  return cached;
}

/** Meilisearch's `synonyms` setting (keys sorted, so the settings compare stays stable). */
export function meiliSynonyms(): Record<string, string[]> {
  return Object.fromEntries([...synonymMap()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every word of the table (for the pinyin lookup and the document pinyin field). */
let words: string[] | undefined;

export function tableWords(): string[] {
  if (words) return words;
  const all = new Set<string>();
  for (const [k, v] of synonymMap()) {
    all.add(k);
    for (const w of v) all.add(w);
  }
  words = [...all];
  return words;
}

/**
 * The alternatives of one query term for the Postgres fallback: the term, the words the table
 * says it also finds, and for a Latin term the table words it is the pinyin of (yuesao, ys, yues
 * → 月嫂 and its synonyms). A posting matches the term when it contains any alternative.
 */
export function expandTerm(term: string): string[] {
  const t = normalizeText(term);
  const out = new Set([t]);
  const map = synonymMap();
  for (const w of map.get(t) ?? []) out.add(w);
  if (/^[a-z]{2,}$/.test(t))
    for (const w of wordsForPinyin(t, tableWords())) {
      out.add(w);
      for (const s of map.get(w) ?? []) out.add(s);
    }
  return [...out];
}

/** The table words a text contains, with the words each also finds: what a posting is "also called". */
export function synonymsIn(texts: string[]): string[] {
  const joined = texts.map(normalizeText).join("\n");
  const found = tableWords().filter((w) => joined.includes(w));
  const out = new Set<string>();
  // 母婴护理员 contains 护理员: the longer word is what the text says; the shorter is not added.
  for (const word of found) {
    if (found.some((v) => v !== word && v.includes(word))) continue;
    out.add(word);
    for (const o of synonymMap().get(word) ?? []) out.add(o);
  }
  return [...out];
}
