import { describe, expect, it } from "vitest";
import { detectEvidenceType } from "../../src/modules/employments/evidence";

const b = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))),
    ),
  );

describe("evidence type from the first bytes", () => {
  it.each([
    ["image/jpeg", b([0xff, 0xd8, 0xff, 0xe1], "Exif")],
    ["image/png", b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "IHDR")],
    ["application/pdf", b("%PDF-1.7\n")],
    ["image/webp", b("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ")],
  ])("recognises %s", (type, bytes) => expect(detectEvidenceType(bytes)).toBe(type));

  it.each([
    ["text", b("这不是照片", "")],
    ["a RIFF that is not WebP (WAV)", b("RIFF", [0x24, 0, 0, 0], "WAVEfmt ")],
    ["a truncated JPEG start", b([0xff, 0xd8])],
    ["a PNG without its full signature", b([0x89, 0x50, 0x4e, 0x47, 0x00])],
    ["%PDF without the dash", b("%PDF1.4")],
    ["an HTML page", b("<html><script>")],
    ["empty", b([])],
  ])("refuses %s", (_label, bytes) => expect(detectEvidenceType(bytes)).toBeUndefined());
});
