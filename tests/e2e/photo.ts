import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A real PNG the browser can draw and the server's type check accepts. `minBytes` makes it at least
 * that big (noisy grey pixels do not compress), like a phone's camera photo: over 64 KB, the size
 * above which browsers refuse a keepalive request body.
 */
export function pngPhoto(minBytes = 0): Buffer {
  const side = Math.max(1, Math.ceil(Math.sqrt(minBytes)));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const raw = Buffer.alloc(side * (side + 1));
  let seed = 20260302;
  for (let y = 0; y < side; y++)
    for (let x = 1; x <= side; x++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      raw[y * (side + 1) + x] = seed >>> 24;
    }
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
