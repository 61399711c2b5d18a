/**
 * Colloquial ↔ standard occupation names (职业分类大典 names on the right where one exists), the
 * one table behind Meilisearch's `synonyms` setting and the Postgres fallback's query expansion
 * (src/search/synonyms.ts). docs/SEARCH.md, "Synonyms", explains the two kinds:
 *
 * - `same`: every word finds the others (月嫂 = 母婴护理员 = 育婴员);
 * - `from` → `to`: a search for a `from` word also finds the `to` words, not the reverse — used
 *   where the colloquial word is broader (采摘 finds 采茶工 and 摘果工, but 采茶工 should not
 *   find every 摘果 posting).
 *
 * Words are Simplified Chinese as people type them; keep each two to six characters. Add a row,
 * restart (or reindex): the settings are compared and written at start.
 */
export type SynonymRow = { same: string[] } | { from: string[]; to: string[] };

export const OCCUPATION_SYNONYMS: SynonymRow[] = [
  // 家政 / 护理
  { same: ["月嫂", "母婴护理员", "育婴员"] },
  { same: ["育儿嫂", "育婴师"] },
  { from: ["保姆"], to: ["家政服务员", "住家保姆"] },
  { same: ["家政", "家政服务员"] },
  { same: ["护工", "护理员", "养老护理员"] },
  { same: ["陪护", "医疗护理员"] },
  { same: ["钟点工", "小时工"] },
  { same: ["保洁", "保洁员", "清洁工"] },
  { same: ["环卫工", "道路保洁员"] },
  // 工厂
  { same: ["普工", "操作工", "流水线工人"] },
  { from: ["流水线"], to: ["普工", "操作工"] },
  { same: ["电子厂普工", "电子装配工"] },
  { same: ["质检", "质检员", "检验员"] },
  { same: ["包装工", "打包工"] },
  { same: ["仓管", "仓库管理员"] },
  { same: ["叉车工", "叉车司机"] },
  { same: ["车工", "车床工"] },
  { same: ["车缝工", "缝纫工"] },
  { same: ["电焊工", "焊工", "电焊"] },
  { same: ["钳工", "机修钳工"] },
  { same: ["电工", "维修电工"] },
  { same: ["油漆工", "涂装工"] },
  // 建筑
  { same: ["泥瓦工", "砌筑工", "泥水工"] },
  { same: ["木工", "木匠"] },
  { same: ["钢筋工", "扎钢筋"] },
  { same: ["架子工", "搭架子"] },
  { from: ["小工", "杂工", "打杂"], to: ["建筑杂工", "辅助工"] },
  { same: ["水电工", "管道工"] },
  // 餐饮 / 服务
  { same: ["厨工", "帮厨", "厨房帮工"] },
  { same: ["厨师", "炒菜师傅", "中式烹调师"] },
  { same: ["洗碗工", "洗碗"] },
  { same: ["服务员", "餐厅服务员"] },
  { same: ["保安", "保安员"] },
  { same: ["门卫", "值班员"] },
  { same: ["收银", "收银员"] },
  { same: ["理货员", "超市理货"] },
  // 物流 / 运输
  { same: ["搬运工", "装卸工", "搬运"] },
  { same: ["快递员", "快递"] },
  { same: ["分拣员", "分拣工"] },
  { same: ["外卖员", "骑手", "送餐员"] },
  { same: ["司机", "驾驶员"] },
  { same: ["货车司机", "大车司机"] },
  // 农林
  { from: ["采摘", "摘果"], to: ["采茶工", "摘果工", "水果采摘工"] },
  { same: ["采茶", "采茶工"] },
  { same: ["护林员", "生态护林员"] },
  { same: ["割胶工", "割胶"] },
  { same: ["砍甘蔗", "甘蔗砍收工"] },
  { same: ["养殖工", "饲养员"] },
  // 公益性岗位 / 手工
  { same: ["公益岗", "公益性岗位"] },
  { same: ["竹编", "竹编工"] },
  { same: ["绣娘", "刺绣工"] },
];
