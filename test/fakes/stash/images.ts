/** Deterministic cover images for the fake: a small valid PNG whose colours depend on scene id + cover version. */
import { deflateSync } from "node:zlib";
import type { FakeCover, FakeScene } from "./state.js";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** FNV-1a: a stable 32-bit hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An 8×8 RGB PNG, a gradient seeded by `seed`. */
export function generatedPng(seed: string, size = 8): Uint8Array {
  const h = hash32(seed);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++)
      rows.push(((h >>> 16) & 0xff) ^ (x * 16), ((h >>> 8) & 0xff) ^ (y * 16), h & 0xff);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idat = deflateSync(Buffer.from(rows));
  return new Uint8Array(
    Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", idat), chunk("IEND", new Uint8Array())]),
  );
}

export function sceneCover(scene: FakeScene): FakeCover {
  return (
    scene.cover ?? { bytes: generatedPng(`${scene.id}:${scene.coverVersion}`), contentType: "image/png" }
  );
}

/** `cover_image` as Stash accepts it: a base64 data URL is stored as is; anything else just changes the cover. */
export function coverFromInput(value: string): FakeCover | null {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(value);
  if (!match) return null;
  return {
    contentType: match[1] ?? "image/jpeg",
    bytes: new Uint8Array(Buffer.from(match[2] ?? "", "base64")),
  };
}
