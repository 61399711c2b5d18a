import { describe, expect, it } from "vitest";
import { jsapiSignature } from "../../src/modules/wechat/jsapi";

describe("JS-SDK signature", () => {
  it("matches WeChat's documented example (JS-SDK docs, 附录1)", () => {
    expect(
      jsapiSignature({
        ticket:
          "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
        nonceStr: "Wm3WZYTPz0wzccnW",
        timestamp: 1414587457,
        url: "http://mp.weixin.qq.com?params=value",
      }),
    ).toBe("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
  });

  it("signs the address without its #fragment", () => {
    const p = { ticket: "t", nonceStr: "n", timestamp: 1, url: "https://a.cn/h5/?x=1" };
    expect(jsapiSignature({ ...p, url: `${p.url}#job/1` })).toBe(jsapiSignature(p));
  });
});
