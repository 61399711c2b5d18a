import { describe, expect, it } from "vitest";
import { z } from "zod";
import "../../src/config";

/** Every message a person may read from the validator is plain Chinese (src/lib/zod-zh.ts). */
const LATIN = /[A-Za-z]/;

const cases: [string, z.ZodType, unknown, string | RegExp][] = [
  ["too_big number", z.number().max(10000), 20000, "数值不能大于 10000"],
  ["too_big exclusive number", z.number().lt(5), 5, "数值要小于 5"],
  ["too_big string", z.string().max(20), "字".repeat(21), "最多填写 20 个字"],
  ["too_big array", z.array(z.string()).max(3), ["a", "b", "c", "d"], "最多填写 3 项"],
  ["too_small string", z.string().min(2), "字", "至少填写 2 个字"],
  ["too_small empty string", z.string().min(1), "", "请填写"],
  ["too_small number", z.number().int().min(1), 0, "数值不能小于 1"],
  ["too_small positive", z.number().positive(), 0, "数值要大于 0"],
  [
    "too_small date",
    z.date().min(new Date("2026-01-01")),
    new Date("2025-01-01"),
    "日期不能早于 2026年1月1日",
  ],
  ["invalid_type missing", z.object({ title: z.string() }), {}, "请填写"],
  ["invalid_type number", z.number(), "abc", "请填写数字"],
  ["invalid_type string", z.string(), 12, "请填写文字"],
  ["invalid_type boolean", z.boolean(), "yes", "请填写是或否"],
  ["invalid_format email", z.email(), "x", "电子邮箱格式不正确"],
  ["invalid_format uuid", z.uuid(), "x", "编号格式不正确"],
  ["invalid_format regex", z.string().regex(/^\d+$/), "x", "格式不正确"],
  ["invalid_format date", z.iso.date(), "2026/1/1", "日期（年-月-日）格式不正确"],
  ["invalid_format url", z.url(), "nope", "网址格式不正确"],
  ["invalid_value enum", z.enum(["day", "month", "piece"]), "week", "请从给出的选项中选择"],
  ["invalid_value literal", z.literal("applied"), "x", "填写的内容不对"],
  [
    "unrecognized_keys",
    z.strictObject({ a: z.string() }),
    { a: "x", b: 1, c: 2 },
    "有 2 项内容不认识，请删除",
  ],
  ["custom refine", z.string().refine((v) => v === "ok"), "no", "填写的内容不对"],
  ["not_multiple_of", z.number().multipleOf(5), 7, "请填写 5 的整数倍"],
  ["invalid_union", z.union([z.number(), z.boolean()]), "x", "格式不正确"],
  ["invalid_key", z.record(z.enum(["a"]), z.string()), { b: "x" }, /[\u4e00-\u9fff]/],
  ["invalid_element", z.map(z.string(), z.number()), new Map([["a", "x"]]), /[\u4e00-\u9fff]/],
];

describe("zod messages in plain Chinese", () => {
  it.each(cases)("%s", (_name, schema, input, expected) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages.join(" | ")).not.toMatch(LATIN);
    if (typeof expected === "string") expect(messages[0]).toBe(expected);
    else expect(messages[0]).toMatch(expected);
  });

  it("keeps a schema's own message", () => {
    const result = z.string().min(2, "请填写岗位名称（至少 2 个字）").safeParse("");
    expect(result.error!.issues[0]!.message).toBe("请填写岗位名称（至少 2 个字）");
  });

  it("covers every issue kind zod has", () => {
    const kinds = new Set(cases.map(([name]) => name.split(" ")[0]));
    for (const code of [
      "too_big",
      "too_small",
      "invalid_type",
      "invalid_format",
      "invalid_value",
      "unrecognized_keys",
      "custom",
      "not_multiple_of",
      "invalid_union",
      "invalid_key",
      "invalid_element",
    ]) {
      expect(kinds.has(code === "custom" ? "custom" : code), code).toBe(true);
    }
  });
});
