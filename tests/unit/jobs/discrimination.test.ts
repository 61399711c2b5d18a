import { describe, expect, it } from "vitest";
import { checkDiscrimination, findDiscrimination } from "../../../src/modules/jobs/discrimination";

describe("findDiscrimination", () => {
  it.each([
    ["限男性", "gender", "限男性"],
    ["本岗位仅限女性，年龄 18-35", "gender", "仅限女性"],
    ["只招男工", "gender", "只招男工"],
    ["男性优先", "gender", "男性优先"],
    ["女士优先考虑", "gender", "女士优先"],
    ["不招女的", "gender", "不招女的"],
    ["限 男 性", "gender", "限男性"],
    ["要求：男性", "gender", "要求男性"],
    ["已婚已育优先", "gender", "已婚已育优先"],
    ["限未婚", "gender", "限未婚"],
    ["仅招汉族", "ethnicity", "仅招汉族"],
    ["不招少数民族", "ethnicity", "不招少数民族"],
    ["维吾尔族勿扰", "ethnicity", "维吾尔族勿扰"],
    ["壮族优先", "ethnicity", "壮族优先"],
    ["限本地户口", "household", "限本地户口"],
    ["需本地户籍", "household", "需本地户籍"],
    ["仅限深圳市户籍", "household", "仅限深圳市户籍"],
    ["外地人勿扰", "household", "外地人勿扰"],
    ["不招外地人", "household", "不招外地人"],
    ["农村户口免谈", "household", "农村户口免谈"],
    ["本地人优先", "household", "本地人优先"],
  ] as const)("catches %s", (text, category, phrase) => {
    expect(findDiscrimination(text)).toEqual({ category, phrase });
  });

  it.each([
    "男女不限",
    "性别不限，年龄 18-55 岁",
    "不限男女，吃苦耐劳",
    "户籍不限",
    "民族不限",
    "欢迎少数民族同胞报名",
    "女装车工，计件工资",
    "男鞋流水线普工",
    "瑶族刺绣、壮锦编织",
    "工作地点：融水苗族自治县",
    "恭城瑶族自治县莲花镇",
    "优先招用脱贫劳动力和监测对象",
    "需提供户口本复印件",
    "本村脱贫户优先",
    "欢迎留守妇女报名",
    "须持健康证",
    "包吃包住，男女宿舍分开",
    "限时招聘 50 人",
    "需要会开叉车",
    "女工宿舍 4 人间",
  ])("lets %s through", (text) => {
    expect(findDiscrimination(text)).toBeUndefined();
  });
});

describe("checkDiscrimination", () => {
  it("names the field, with the index for list fields", () => {
    expect(
      checkDiscrimination({
        title: "电子厂普工",
        description: "",
        benefits: ["包吃", "限本地户口"],
      }),
    ).toEqual({ field: "benefits.1", phrase: "限本地户口", category: "household" });
    expect(
      checkDiscrimination({ title: "采茶工", description: "男女不限，日结", skills: [] }),
    ).toBeUndefined();
  });
});
