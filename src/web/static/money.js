/* 岗通: money on the pages, the same rules as src/lib/money.ts — integer fen, turned into the yuan
 * text people read and back with string and integer operations only: an amount typed as 286.5
 * becomes 28650 fen without ever being a float (286.5 * 100 is not always 28650 in floating
 * point). No BigInt: old Android WebViews lack it; 12 digits of yuan stay far inside safe integers.
 * window.GTMoney; tests/unit/page-money.test.ts holds it to src/lib/money.ts. Plain ES2017. */
(function () {
  "use strict";

  var YUAN_RE = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

  /** "286.5" / "286.50" / "1,234" / "¥300" / "300元" → fen; anything else (3 decimals, a sign, letters) → null. */
  function yuanToFen(text) {
    var cleaned = String(text == null ? "" : text).replace(/[\s,，¥￥]|元$/g, "");
    var m = YUAN_RE.exec(cleaned);
    if (!m) return null;
    return Number(m[1]) * 100 + Number((m[2] || "").padEnd(2, "0"));
  }

  /** 28650 → "286.50"; 5 → "0.05". */
  function fenToYuan(fen) {
    var n = Math.trunc(Number(fen));
    var neg = n < 0;
    var digits = String(neg ? -n : n).padStart(3, "0");
    return (neg ? "-" : "") + digits.slice(0, -2) + "." + digits.slice(-2);
  }

  /** What a person reads: 60000 → "600 元", 28650 → "286.50 元". */
  function yuanText(fen) {
    return fenToYuan(fen).replace(/\.00$/, "") + " 元";
  }

  window.GTMoney = { yuanToFen: yuanToFen, fenToYuan: fenToYuan, yuanText: yuanText };
})();
