/**
 * Discriminatory recruitment wording. 就业促进法 §3, §26–§31 forbid discrimination by gender,
 * ethnicity and (for rural workers) household registration; 人社部等九部门《关于进一步规范招聘行为
 * 促进妇女就业的通知》(2019) names 限男性、男性优先 and questions about marriage and childbirth.
 *
 * Matching is on a compacted copy of each field (NFKC, whitespace and separators removed, so
 * 限 男 性 and 限-男性 are caught). Neutral phrases (男女不限, 户籍不限, 民族不限 …) are blanked
 * first so they never trigger a pattern; words that merely contain 男/女/族 (女装车工, 瑶族刺绣,
 * 融水苗族自治县) match nothing because every pattern needs a restricting word next to them
 * (限, 只招, 优先, 勿扰, 不招 …). tests/unit/jobs/discrimination.test.ts lists what must and
 * must not be caught. Village-level wording (本村、本乡) is allowed: 乡村公益性岗位 are by policy
 * for the village's own poverty-alleviated people.
 */

export type DiscriminationCategory = "gender" | "ethnicity" | "household";

export const CATEGORY_LABEL: Record<DiscriminationCategory, string> = {
  gender: "性别、婚育",
  ethnicity: "民族",
  household: "户籍、地域",
};

export interface DiscriminationHit {
  field: string;
  phrase: string;
  category: DiscriminationCategory;
}

const NEUTRAL = [
  "男女不限",
  "不限男女",
  "性别不限",
  "不限性别",
  "男女均可",
  "男女皆可",
  "男女都可",
  "男女都要",
  "男女兼招",
  "男女平等",
  "户籍不限",
  "不限户籍",
  "户口不限",
  "不限户口",
  "地域不限",
  "不限地域",
  "民族不限",
  "不限民族",
  "各民族",
  "欢迎少数民族",
  "少数民族地区",
];

const RESTRICT =
  "(?:限|仅限|只限|只招|仅招|只收|仅收|只要|仅要|只录用|要求|须为|需为|必须是|必须为|必须|需要|需|须)";
const REFUSE = "(?:不招|不要|不收|不录用|不考虑|不接受|拒招|拒收)";
const AFTER = "(?:优先|者优先|勿扰|免谈|不要|不招|谢绝|除外|莫扰)";
// 男/女 followed by these are products or trades, not people: 女装车工, 男鞋, 童装.
const NOT_PERSON = "(?![装鞋包款式服衣帽袜])";
const SEX = `(?:男|女)(?:性|士|生|工|的|子)?${NOT_PERSON}`;

const ETHNIC_NAMES = [
  "汉",
  "壮",
  "满",
  "回",
  "苗",
  "维吾尔",
  "维",
  "土家",
  "彝",
  "蒙古",
  "藏",
  "布依",
  "侗",
  "瑶",
  "朝鲜",
  "白",
  "哈尼",
  "哈萨克",
  "黎",
  "傣",
  "畲",
  "傈僳",
  "仡佬",
  "东乡",
  "高山",
  "拉祜",
  "水",
  "佤",
  "纳西",
  "羌",
  "土",
  "仫佬",
  "锡伯",
  "柯尔克孜",
  "达斡尔",
  "景颇",
  "毛南",
  "撒拉",
  "布朗",
  "塔吉克",
  "阿昌",
  "普米",
  "鄂温克",
  "怒",
  "京",
  "基诺",
  "德昂",
  "保安",
  "俄罗斯",
  "裕固",
  "乌孜别克",
  "门巴",
  "鄂伦春",
  "独龙",
  "塔塔尔",
  "赫哲",
  "珞巴",
].sort((a, b) => b.length - a.length);
const ETHNIC = `(?:少数民族|(?:${ETHNIC_NAMES.join("|")})族)`;

const PLACE =
  "(?:本地|本市|本县|本区|本省|当地|城镇|城市|农村|非农业?|[\\u4e00-\\u9fa5]{1,4}?(?:省|市|县|区))";
const OUTSIDER = "(?:外地|外省|外来|外县|外市|农村|非本地|非本市|非本县|非本省|非当地)";

const PATTERNS: { category: DiscriminationCategory; re: RegExp }[] = [
  { category: "gender", re: new RegExp(`${RESTRICT}${SEX}`) },
  { category: "gender", re: new RegExp(`${REFUSE}${SEX}`) },
  { category: "gender", re: new RegExp(`(?<![男女])(?:男|女)(?:性|士|生|工|子)?${AFTER}`) },
  {
    category: "gender",
    re: /(?:限|仅限|只招|要求|须)?(?:已婚已育|已婚未育|未婚未育|已婚|未婚|已育|未育)(?:者)?(?:优先|勿扰|免谈)|限(?:已婚|未婚|已育|未育)|已婚已育|未婚未育/,
  },
  { category: "ethnicity", re: new RegExp(`${RESTRICT}${ETHNIC}`) },
  { category: "ethnicity", re: new RegExp(`${REFUSE}${ETHNIC}`) },
  { category: "ethnicity", re: new RegExp(`${ETHNIC}(?:人)?${AFTER}`) },
  { category: "household", re: new RegExp(`${RESTRICT}${PLACE}(?:户口|户籍|人|常住人口)`) },
  { category: "household", re: new RegExp(`${REFUSE}${OUTSIDER}(?:人|户口|户籍)?`) },
  { category: "household", re: new RegExp(`${OUTSIDER}(?:户口|户籍|人)${AFTER}`) },
  { category: "household", re: new RegExp(`(?:本地|本市|本县|当地|城镇)(?:户口|户籍|人)${AFTER}`) },
];

const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

export function compactText(text: string): string {
  let s = text.normalize("NFKC").replace(SEPARATORS, "");
  for (const phrase of NEUTRAL) s = s.split(phrase).join("|");
  return s;
}

/** The first discriminatory phrase in one text, with its category. */
export function findDiscrimination(
  text: string,
): { phrase: string; category: DiscriminationCategory } | undefined {
  const s = compactText(text);
  for (const { category, re } of PATTERNS) {
    const m = re.exec(s);
    if (m) return { phrase: m[0], category };
  }
  return undefined;
}

/** Checks every free-text field a poster writes; array fields report `field.index`. */
export function checkDiscrimination(
  fields: Record<string, string | readonly string[] | null | undefined>,
): DiscriminationHit | undefined {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const list =
      typeof value === "string"
        ? [[field, value] as const]
        : value.map((v, i) => [`${field}.${i}`, v] as const);
    for (const [path, text] of list) {
      const hit = findDiscrimination(text);
      if (hit) return { field: path, ...hit };
    }
  }
  return undefined;
}
