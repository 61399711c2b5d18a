/**
 * The 55 recognised minority nationalities plus 各族 ("all nationalities", as in 龙胜各族自治县).
 * An explicit list, not a "[^族]+族" pattern, so that a three-character place name before an
 * ethnic qualifier is not cut short (阿克塞哈萨克族自治县 → 阿克塞, not 阿克).
 */
const ETHNIC_GROUPS = [
  "蒙古",
  "回",
  "藏",
  "维吾尔",
  "苗",
  "彝",
  "壮",
  "布依",
  "朝鲜",
  "满",
  "侗",
  "瑶",
  "白",
  "土家",
  "哈尼",
  "哈萨克",
  "傣",
  "黎",
  "傈僳",
  "佤",
  "畲",
  "高山",
  "拉祜",
  "水",
  "东乡",
  "纳西",
  "景颇",
  "柯尔克孜",
  "土",
  "达斡尔",
  "仫佬",
  "羌",
  "布朗",
  "撒拉",
  "毛南",
  "仡佬",
  "锡伯",
  "阿昌",
  "普米",
  "塔吉克",
  "怒",
  "乌孜别克",
  "俄罗斯",
  "鄂温克",
  "德昂",
  "保安",
  "裕固",
  "京",
  "塔塔尔",
  "独龙",
  "鄂伦春",
  "赫哲",
  "门巴",
  "珞巴",
  "基诺",
  "各",
];
const ETHNIC = `(?:(?:${[...ETHNIC_GROUPS].sort((a, b) => b.length - a.length).join("|")})族)+`;

/** Ethnic autonomous units: 广西壮族自治区, 连山壮族瑶族自治县, 龙胜各族自治县, 同乐苗族乡. */
const AUTONOMOUS = new RegExp(`^(.+?)${ETHNIC}(?:自治区|自治州|自治县|自治旗|乡|镇)$`);
/** 民族乡 without a named nationality, e.g. 某某民族乡. */
const MINZU_TOWNSHIP = /^(.+?)民族乡$/;

/**
 * Special-purpose units (farms, development zones, prisons…) keep their full name: their suffix
 * is what the unit is, and "廖平" would not tell a reader that 廖平农场 is a farm.
 */
const NEW_AREA = /^.{3,}新区$/; // 翠山湖新区, but not 清新区 (a district called 清新)
const SPECIAL_UNIT =
  /(?:开发区|管理区|园区|投资区|保税区|保税港区|合作区|经济区|集聚区|旅游区|风景区|示范区|试验区|矿区|林区|农场|林场|茶场|作物场|监狱|劳教所|戒毒所|管理委员会|中心|机场|水库)$/;

/**
 * Administrative suffixes, longest first so 街道办事处 wins over 办事处 and 社区居委会 over 居委会,
 * including the variants the statistical data actually spells (社区委员会, 村委委会).
 * Names ending in anything else (青秀山, 平果铝) are kept whole.
 */
const SUFFIXES = [
  "特别行政区",
  "社区居民委员会",
  "社区居委员会",
  "街道办事处",
  "社区居民委会",
  "社区居委会",
  "社区委员会",
  "社区居委员",
  "社区居民会",
  "村民委员会",
  "居民委员会",
  "村委员会",
  "村委委会",
  "自治区",
  "自治州",
  "自治县",
  "村委会",
  "居委会",
  "办事处",
  "街道",
  "社区",
  "村委",
  "省",
  "市",
  "县",
  "区",
  "镇",
  "乡",
  "村",
];

/**
 * The name people say: without the administrative suffix and ethnic qualifiers. Changing the
 * rules changes stored rows: bump LOADER_VERSION in db/seed/regions.ts.
 * 恭城瑶族自治县 → 恭城, 桂林市 → 桂林, 广西壮族自治区 → 广西, 莲花镇 → 莲花.
 * When stripping would leave fewer than two characters (容县, 藤县, 城区) the full name is
 * kept: a single character is ambiguous in search and never how a place is written.
 */
export function shortRegionName(name: string): string {
  const full = name.trim();
  const core = regionNameCore(full);
  return [...core].length >= 2 ? core : full;
}

/**
 * The name with suffix and ethnic qualifiers removed, even when that leaves a single character
 * (横县 → 横). Only for matching renamed units across data sets (横县 → 横州市), never for display.
 */
export function regionNameCore(name: string): string {
  const full = name.trim();
  const autonomous = AUTONOMOUS.exec(full) ?? MINZU_TOWNSHIP.exec(full);
  if (autonomous?.[1]) return autonomous[1];
  if (SPECIAL_UNIT.test(full) || NEW_AREA.test(full)) return full;
  for (const suffix of SUFFIXES) {
    if (full.endsWith(suffix) && full.length > suffix.length) return full.slice(0, -suffix.length);
  }
  return full;
}
