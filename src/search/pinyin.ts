import { pinyin } from "pinyin-pro";
import { normalizeText } from "./text-tokens";

/**
 * Pinyin for search: a document carries `pinyin`, a space-separated list of the full pinyin
 * (no tones, ü as v) of its title words, occupation, skills and the synonyms of the table words
 * it contains, and the initials of the occupation words (月嫂 → yuesao ys). Meilisearch then
 * finds yuesao, yues (prefix) and ys. Measured cost: docs/SEARCH.md, "Pinyin".
 */
const HAN = /\p{Script=Han}/u;
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** pinyin-pro takes ≈ 0.2 ms a word; job texts reuse few words, so each word is converted once (bounded). */
const cache = new Map<string, [string, string]>();
const CACHE_MAX = 50_000;

function convert(word: string): [string, string] {
  let hit = cache.get(word);
  if (!hit) {
    hit = [
      pinyin(word, { toneType: "none", separator: "", v: true, nonZh: "removed" }).toLowerCase(),
      pinyin(word, { pattern: "first", toneType: "none", separator: "", nonZh: "removed" })
        .replace(/ü/g, "v")
        .toLowerCase(),
    ];
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(word, hit);
  }
  return hit;
}

export function fullPinyin(word: string): string {
  return convert(word)[0];
}

export function initials(word: string): string {
  return convert(word)[1];
}

/** Words of two or more Han characters in a text (ICU's dictionary segmentation). */
export function hanWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalizeText(text))) {
    if (s.isWordLike && [...s.segment].length >= 2 && HAN.test(s.segment)) out.push(s.segment);
  }
  return out;
}

/**
 * The document's pinyin field. `named` are the posting's job words (occupation, skills, the
 * synonyms of table words in its text): full pinyin and initials; `text` (title) adds the full
 * pinyin of its words only (initials of every title word would match too much: ys is 月嫂 and 医生).
 */
export function documentPinyin(named: string[], text: string[]): string {
  const out = new Set<string>();
  for (const w of named) {
    if (!HAN.test(w)) continue;
    const full = fullPinyin(w);
    if (full) out.add(full);
    const ini = initials(w);
    if (ini.length >= 2) out.add(ini);
  }
  for (const t of text) for (const w of hanWords(t)) out.add(fullPinyin(w));
  out.delete("");
  return [...out].join(" ");
}

let lookup: { words: string[]; full: string[]; ini: string[] } | undefined;

/**
 * The words (of `words`, cached on first call) whose full pinyin or initials equal `term`, or
 * whose full pinyin starts with it (three letters or more: yues → 月嫂).
 */
export function wordsForPinyin(term: string, words: string[]): string[] {
  if (!lookup || lookup.words !== words) {
    lookup = { words, full: words.map(fullPinyin), ini: words.map(initials) };
  }
  const { full, ini } = lookup;
  return words.filter(
    (_, i) =>
      full[i] === term || ini[i] === term || (term.length >= 3 && full[i]!.startsWith(term)),
  );
}
