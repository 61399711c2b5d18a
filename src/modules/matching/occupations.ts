/**
 * Occupation neighbourhoods: occupations a person trained for one of them can usually take up
 * without new training. The last rung of the relaxation ladder widens a person's occupations
 * to their neighbours; the skill part gives a neighbour partial credit.
 *
 * Kept small and explicit on purpose: every pair here is one a county employment officer would
 * accept as "similar work" (same workplace, same physical demands, at most a day's induction).
 * Occupation names are the Chinese names used in postings and labour-brand records.
 */
const CLUSTERS: readonly (readonly string[])[] = [
  // factory floor: electronics, garment and packaging lines
  ["普工", "包装工", "装配工", "操作工", "质检员", "分拣员"],
  ["缝纫工", "制衣工", "车缝工", "熨烫工"],
  ["竹编工", "藤编工", "手工编织工"],
  // care and household services (八桂家政, 南粤家政)
  ["家政服务员", "育婴员", "养老护理员", "保洁员"],
  // kitchens (八桂米粉师傅, 粤菜师傅)
  ["米粉师傅", "中式烹调师", "面点师", "厨工", "粤菜厨师"],
  ["餐厅服务员", "传菜员", "收银员"],
  // building sites (八桂建工)
  ["建筑工", "钢筋工", "木工", "砌筑工", "抹灰工", "建筑杂工"],
  ["电工", "水电工", "焊工"],
  // fields and orchards (桂林油茶师傅 and seasonal odd jobs)
  ["采摘工", "茶叶采摘工", "种植工", "油茶种植工", "果园工"],
  ["搬运工", "装卸工", "仓储员", "分拣员"],
  // property and security
  ["保安员", "物业管理员", "保洁员", "绿化工"],
  // tourism and beauty (漓江导游, 桂林美业师傅)
  ["导游", "景区讲解员"],
  ["美容师", "美发师", "美甲师"],
];

const NEIGHBOURS: ReadonlyMap<string, ReadonlySet<string>> = buildNeighbours();

function buildNeighbours(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const cluster of CLUSTERS) {
    for (const a of cluster) {
      const set = map.get(a) ?? new Set<string>();
      for (const b of cluster) if (b !== a) set.add(b);
      map.set(a, set);
    }
  }
  return map;
}

/** Trims and drops whitespace so 普 工 and 普工 compare equal. */
export function normaliseOccupation(name: string): string {
  return name.replace(/\s+/g, "").trim();
}

/** Neighbours of one occupation (not including itself), sorted for determinism. */
export function neighbourOccupations(name: string): string[] {
  return [...(NEIGHBOURS.get(normaliseOccupation(name)) ?? [])].sort();
}

export function areNeighbours(a: string, b: string): boolean {
  return NEIGHBOURS.get(normaliseOccupation(a))?.has(normaliseOccupation(b)) ?? false;
}

/** The occupations a person is qualified for: stated ones plus those of held certificates and passed courses. */
export function ownOccupations(p: {
  occupations: string[];
  trainedOccupations?: string[];
  certificates: { occupations: string[] }[];
}): string[] {
  const all = new Set<string>();
  for (const o of p.occupations) all.add(normaliseOccupation(o));
  for (const o of p.trainedOccupations ?? []) all.add(normaliseOccupation(o));
  for (const c of p.certificates) for (const o of c.occupations) all.add(normaliseOccupation(o));
  all.delete("");
  return [...all].sort();
}

/** `occupations` plus every neighbour of each, sorted, without duplicates. */
export function withNeighbours(occupations: string[]): string[] {
  const all = new Set(occupations.map(normaliseOccupation));
  for (const o of occupations) for (const n of neighbourOccupations(o)) all.add(n);
  return [...all].sort();
}
