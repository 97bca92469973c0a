#!/usr/bin/env node
/**
 * Draws the app icon — a teal rounded square with a white bar chart and an
 * amber target line — and writes it as PNG with nothing but node:zlib:
 *   resources/icon.png (512×512, electron-builder and the window icon)
 *   resources/icon-256.png (256×256)
 *   renderer/public/favicon.png (64×64, the page's favicon)
 * Run: node scripts/make-icon.mjs   (the outputs are committed)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in unit coordinates (0..1, y down).
const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const BARS = [
  [0.22, 0.56],
  [0.42, 0.44],
  [0.62, 0.3],
];
const BAR_W = 0.15;
const BASE_Y = 0.78;

/** The colour of one sample point, or null for transparent. */
function sample(x, y) {
  if (!inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2)) return null;
  // Amber target line (dashed) above the bars.
  if (y >= 0.215 && y <= 0.255 && x >= 0.17 && x <= 0.83 && Math.floor((x - 0.17) / 0.075) % 2 === 0) return [242, 165, 65];
  for (const [bx, top] of BARS) {
    if (inRoundedRect(x, y, bx, top, bx + BAR_W, BASE_Y + 0.02, 0.025)) return [255, 255, 255];
  }
  if (y >= BASE_Y && y <= BASE_Y + 0.035 && x >= 0.16 && x <= 0.84) return [255, 255, 255];
  // Teal, slightly lighter at the top.
  const t = y;
  return [Math.round(20 - 10 * t), Math.round(134 - 44 * t), Math.round(145 - 45 * t)];
}

function draw(size, ss = 4) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return png(size, out);
}

const targets = [
  ['resources/icon.png', 512],
  ['resources/icon-256.png', 256],
  ['renderer/public/favicon.png', 64],
];
for (const [rel, size] of targets) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, draw(size));
  process.stdout.write(`${rel} ${size}×${size}\n`);
}
