import { describe, expect, it } from "vitest";
import { normalizePhone, toHalfWidth } from "../../src/lib/phone";

describe("normalizePhone", () => {
  it.each([
    ["13807712345", "13807712345"],
    [" 138 0771 2345 ", "13807712345"],
    ["138-0771-2345", "13807712345"],
    ["138.0771.2345", "13807712345"],
    ["+86 138 0771 2345", "13807712345"],
    ["+86-13807712345", "13807712345"],
    ["0086 13807712345", "13807712345"],
    ["8613807712345", "13807712345"],
    ["(86)13807712345", "13807712345"],
    ["１３８０７７１２３４５", "13807712345"],
    ["＋８６　１３８０７７１２３４５", "13807712345"],
    ["013807712345", "13807712345"], // trunk 0 dialled out of habit
    ["19912345678", "19912345678"],
  ])("%j → %s", (raw, phone) => {
    expect(normalizePhone(raw)).toBe(phone);
  });

  it.each([
    "",
    "12345678901",
    "1380771234",
    "138077123456",
    "0773-2345678",
    "07732345678",
    "23807712345",
    "1380771234a",
    "+1 13807712345",
  ])("rejects %j", (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

describe("toHalfWidth", () => {
  it("maps full-width ASCII and the ideographic space", () => {
    expect(toHalfWidth("ＡＢｃ１２３－＋　x")).toBe("ABc123-+ x");
  });
});
