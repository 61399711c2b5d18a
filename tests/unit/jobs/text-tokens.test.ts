import { describe, expect, it } from "vitest";
import {
  containsPattern,
  hanBigrams,
  normalizeText,
  postingSearchKeys,
  queryTerms,
  queryTokens,
} from "../../../src/search/text-tokens";

describe("fallback search keys", () => {
  it("normalises full-width text and case", () => {
    expect(normalizeText("  ＣＮＣ　操作工 ")).toBe("cnc 操作工");
  });

  it("makes CJK bigrams per run, none from single characters", () => {
    expect(hanBigrams("家政服务员")).toEqual(["家政", "政服", "服务", "务员"]);
    expect(hanBigrams("男 女 CNC")).toEqual([]);
  });

  it("stores bigrams per field plus facet keys, never a bigram across two fields", () => {
    const { searchText, searchTokens } = postingSearchKeys(["深圳普工", "华宝电子"], {
      regionCodes: ["44", "4403"],
      channel: "gd_gx",
      certificates: ["bagui_jiazheng"],
      occupation: "普工",
    });
    expect(searchText).toBe("深圳普工\n华宝电子");
    expect(searchTokens).toEqual(
      expect.arrayContaining([
        "深圳",
        "圳普",
        "普工",
        "华宝",
        "r:44",
        "r:4403",
        "c:gd_gx",
        "cert:bagui_jiazheng",
        "o:普工",
      ]),
    );
    expect(searchTokens).not.toContain("工华");
  });

  it("splits queries into terms and their keys, and escapes LIKE", () => {
    expect(queryTerms("普工  深圳，包住")).toEqual(["普工", "深圳", "包住"]);
    expect(queryTokens(["家政服务", "工"])).toEqual(["家政", "政服", "服务"]);
    expect(containsPattern("100%_x")).toBe("%100\\%\\_x%");
  });
});
