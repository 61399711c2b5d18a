import { canonicalRegionCode } from "../regions/codes";
import { regionNameCore } from "../regions/names";

export interface RegionRef {
  code: string;
  name: string;
  shortName: string;
  parentCode: string | null;
}

export type VillageResult = { ok: true; code: string } | { ok: false; message: string };

const clean = (s: string) => s.normalize("NFKC").replace(/\s/g, "");

/** 村 (village committee) or 居 (residents' committee, 社区): 莲花村委会 and 莲花居委会 share a core. */
function kindOf(name: string): "村" | "居" | undefined {
  if (/村(民委员会|委会)?$/.test(name)) return "村";
  if (/(社区|居委会|居民委员会)$/.test(name)) return "居";
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Resolves the 所在村 column within the county being imported: a 12-digit village code, or a
 * name as ledgers write it (洲塘村, 洲塘村委会, 洲塘, 恭城镇洲塘村). Names are compared without
 * their administrative suffix (regionNameCore); a name found in two townships needs the 乡镇
 * column (or the township written in front of it). Only villages of the county are candidates,
 * so a row can never land outside the import's county.
 */
export class VillageIndex {
  private readonly villages = new Map<string, RegionRef>();
  private readonly byName = new Map<string, RegionRef[]>();
  private readonly townships: RegionRef[] = [];
  private readonly townshipByName = new Map<string, RegionRef[]>();
  private readonly cache = new Map<string, VillageResult>();

  constructor(
    readonly county: string,
    readonly countyName: string,
    regions: RegionRef[],
  ) {
    for (const r of regions) {
      if (!r.code.startsWith(county)) continue;
      if (r.code.length === 12) {
        this.villages.set(r.code, r);
        for (const key of new Set([
          clean(r.name),
          clean(r.shortName),
          regionNameCore(clean(r.name)),
        ]))
          push(this.byName, key, r);
      } else if (r.code.length === 9) {
        this.townships.push(r);
        for (const key of new Set([
          clean(r.name),
          clean(r.shortName),
          regionNameCore(clean(r.name)),
        ]))
          push(this.townshipByName, key, r);
      }
    }
    // Longest first, so 恭城镇 is tried before 恭城 when cutting a township off the front.
    this.townships.sort((a, b) => b.name.length - a.name.length);
  }

  resolve(villageText: string, townshipText = ""): VillageResult {
    const key = `${townshipText}\u0000${villageText}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.lookup(clean(villageText), clean(townshipText));
      this.cache.set(key, hit);
    }
    return hit;
  }

  private lookup(text: string, township: string): VillageResult {
    if (/^\d+$/.test(text)) return this.byCode(text);
    let candidates = this.byName.get(text) ?? this.byName.get(regionNameCore(text)) ?? [];
    let townshipHint = township;
    if (candidates.length === 0) {
      const split = this.splitTownship(text);
      if (split) {
        candidates = split.candidates;
        townshipHint ||= split.township.name;
      }
    }
    if (candidates.length === 0) {
      return {
        ok: false,
        message: `所在村“${text}”不在${this.countyName}的区划中，请核对村名，或填写 12 位村代码`,
      };
    }
    const kind = kindOf(text);
    if (candidates.length > 1 && kind) {
      const sameKind = candidates.filter((c) => kindOf(c.name) === kind);
      if (sameKind.length > 0) candidates = sameKind;
    }
    if (candidates.length > 1 && townshipHint) {
      const towns =
        this.townshipByName.get(townshipHint) ??
        this.townshipByName.get(regionNameCore(townshipHint)) ??
        [];
      const codes = new Set(towns.map((t) => t.code));
      const narrowed = candidates.filter((c) => c.parentCode !== null && codes.has(c.parentCode));
      if (narrowed.length > 0) candidates = narrowed;
    }
    if (candidates.length > 1) {
      const where = candidates.map((c) => this.townshipName(c.parentCode)).join("、");
      return {
        ok: false,
        message: `村名“${text}”在${this.countyName}有 ${candidates.length} 个（${where}），请增加“乡镇”列或填写 12 位村代码`,
      };
    }
    return { ok: true, code: candidates[0]!.code };
  }

  private byCode(text: string): VillageResult {
    const code = canonicalRegionCode(text);
    if (!code || code.length !== 12)
      return { ok: false, message: `村代码“${text}”应为 12 位行政区划代码` };
    if (!code.startsWith(this.county))
      return { ok: false, message: `所在村（${code}）不在本次导入的${this.countyName}范围内` };
    if (!this.villages.has(code))
      return { ok: false, message: `村代码“${code}”在${this.countyName}的区划中不存在` };
    return { ok: true, code };
  }

  /** 恭城镇洲塘村 → (恭城镇, 洲塘村): the township written in front of the village. */
  private splitTownship(
    text: string,
  ): { township: RegionRef; candidates: RegionRef[] } | undefined {
    for (const t of this.townships) {
      for (const prefix of new Set([clean(t.name), clean(t.shortName)])) {
        if (prefix.length < 2 || !text.startsWith(prefix) || text.length <= prefix.length) continue;
        const rest = text.slice(prefix.length);
        const found = (this.byName.get(rest) ?? this.byName.get(regionNameCore(rest)) ?? []).filter(
          (v) => v.parentCode === t.code,
        );
        if (found.length > 0) return { township: t, candidates: found };
      }
    }
    return undefined;
  }

  private townshipName(code: string | null): string {
    return this.townships.find((t) => t.code === code)?.name ?? code ?? "?";
  }
}
