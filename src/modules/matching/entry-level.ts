/**
 * Entry-level work: occupations anyone with the labour capacity can take up after at most a day
 * or two of showing how (assembly lines, packing, picking, cleaning, kitchen help, sewing help,
 * handicraft such as bamboo weaving, carrying). They are open to every trained person beside the
 * occupations of their record and certificates: a certificate widens what a person is offered,
 * it never narrows it (issue 18). Physical demand is the posting's own field (light / normal /
 * heavy), not decided here.
 *
 * DATA, kept beside the occupation clusters (occupations.ts) and checked by a county officer: the
 * names are the exact occupation names postings use (after removing spaces). A name missing here
 * only means the posting is offered to people whose record or certificate names it. Changing the
 * list changes matching at once; nothing is stored per posting.
 */
import type { JobChannel } from "./types";

export const ENTRY_LEVEL_OCCUPATIONS: readonly string[] = [
  // factory floor: electronics, toys, shoes, food plants
  "普工",
  "操作工",
  "流水线工人",
  "装配工",
  "组装工",
  "包装工",
  "包装员",
  "分拣员",
  "打包员",
  "上料工",
  // garment and sewing help (帮扶车间)
  "缝纫工",
  "车缝工",
  "制衣工",
  "缝纫辅助工",
  "剪线工",
  "手工工",
  "锁边工",
  "整烫工",
  "熨烫工",
  // handicraft in workshops
  "竹编工",
  "藤编工",
  "草编工",
  "手工编织工",
  "编织工",
  "串珠工",
  "手工艺工",
  // fields, orchards, tea gardens (odd jobs)
  "采摘工",
  "水果采摘工",
  "采果工",
  "柚子采摘工",
  "沙糖桔采摘工",
  "茶叶采摘工",
  "采茶工",
  "果园工",
  "种植工",
  "农业工人",
  "砍蔗工",
  "除草工",
  // cleaning and green care
  "保洁员",
  "清洁工",
  "绿化工",
  // kitchens and canteens
  "厨工",
  "帮厨",
  "厨房帮工",
  "洗碗工",
  "配菜员",
  "传菜员",
  // carrying, loading, sites' unskilled help
  "搬运工",
  "装卸工",
  "杂工",
  "小工",
  "建筑杂工",
  "建筑小工",
];

/**
 * Channels whose postings are entry-level whatever occupation they name: a public-welfare post
 * (保洁、护林、护路、巡河 …) is filled from the village's own residents, not by trade.
 */
export const ENTRY_LEVEL_CHANNELS: readonly JobChannel[] = ["public_welfare"];

const ENTRY = new Set(ENTRY_LEVEL_OCCUPATIONS);

export function isEntryLevelOccupation(normalisedName: string): boolean {
  return ENTRY.has(normalisedName);
}
