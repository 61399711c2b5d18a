import { sql } from "drizzle-orm";
import type { Executor } from "../client";
import { labourBrands } from "../schema/training";

/**
 * 劳务品牌 named in the policy documents (DOMAIN.md, [002 §10–11]). The documents give the brand
 * names only; the occupations each brand trains for are OUR ASSUMPTION, drawn from what the
 * brand's name says it covers, and use the occupation names of postings (see
 * src/modules/matching/occupations.ts) so that matching can compare them. Revise with the bureau.
 */
export const LABOUR_BRANDS = [
  {
    code: "bagui-jiazheng",
    name: "八桂家政",
    origin: "gx",
    occupations: ["家政服务员", "育婴员", "养老护理员", "保洁员", "母婴护理员"],
    description: "广西家政服务劳务品牌",
  },
  {
    code: "bagui-jiangong",
    name: "八桂建工",
    origin: "gx",
    occupations: ["建筑工", "钢筋工", "木工", "砌筑工", "抹灰工", "电工", "焊工"],
    description: "广西建筑施工劳务品牌",
  },
  {
    code: "bagui-mifen",
    name: "八桂米粉师傅",
    origin: "gx",
    occupations: ["米粉师傅", "中式烹调师", "面点师", "厨工"],
    description: "桂林米粉、柳州螺蛳粉、南宁老友粉等米粉制作",
  },
  {
    code: "lijiang-daoyou",
    name: "漓江导游",
    origin: "gx",
    occupations: ["导游", "景区讲解员"],
    description: "桂林漓江旅游服务劳务品牌",
  },
  {
    code: "guilin-meiye",
    name: "桂林美业师傅",
    origin: "gx",
    occupations: ["美容师", "美发师", "美甲师"],
    description: "美容美发劳务品牌",
  },
  {
    code: "guilin-youcha",
    name: "桂林油茶师傅",
    origin: "gx",
    occupations: ["油茶师傅", "中式烹调师", "餐厅服务员"],
    description: "恭城油茶制作与餐饮服务",
  },
  {
    code: "yuecai-shifu",
    name: "粤菜师傅",
    origin: "gd",
    occupations: ["粤菜厨师", "中式烹调师", "面点师", "厨工"],
    description: "广东“粤菜师傅”工程",
  },
  {
    code: "guangdong-jigong",
    name: "广东技工",
    origin: "gd",
    occupations: ["电工", "焊工", "装配工", "数控车工", "汽车维修工"],
    description: "广东“广东技工”工程",
  },
  {
    code: "nanyue-jiazheng",
    name: "南粤家政",
    origin: "gd",
    occupations: ["家政服务员", "育婴员", "养老护理员", "母婴护理员", "保洁员"],
    description: "广东“南粤家政”工程",
  },
  {
    code: "xiangcun-gongjiang",
    name: "乡村工匠",
    origin: "gd",
    occupations: ["木工", "砌筑工", "竹编工", "农机修理工"],
    description: "广东“乡村工匠”工程",
  },
] as const satisfies readonly {
  code: string;
  name: string;
  origin: "gx" | "gd";
  occupations: readonly string[];
  description: string;
}[];

/** Upserts the catalogue by code: safe at every start, and an edited list here reaches the database. */
export async function loadLabourBrands(db: Executor): Promise<{ brands: number }> {
  await db
    .insert(labourBrands)
    .values(LABOUR_BRANDS.map((b) => ({ ...b, occupations: [...b.occupations] })))
    .onConflictDoUpdate({
      target: labourBrands.code,
      set: {
        name: sql`excluded.name`,
        origin: sql`excluded.origin`,
        occupations: sql`excluded.occupations`,
        description: sql`excluded.description`,
        updatedAt: sql`now()`,
      },
      // Only touch rows that changed, so a restart does not rewrite the table.
      setWhere: sql`(${labourBrands.name}, ${labourBrands.origin}, ${labourBrands.occupations}, ${labourBrands.description})
        is distinct from (excluded.name, excluded.origin, excluded.occupations, excluded.description)`,
    });
  return { brands: LABOUR_BRANDS.length };
}
