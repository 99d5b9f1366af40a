// Draws the add-in's icons (assets/icon-{16,32,64,80,128}.png): a navy tile with a white org chart
// (one post above three) and a gold bar beneath it. Pure Node: shapes are rasterised with 4x4
// supersampling and written as PNG with zlib. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "..", "assets");
const SIZES = [16, 32, 64, 80, 128];

const NAVY = [31, 56, 100];
const WHITE = [255, 255, 255];
const GOLD = [242, 169, 0];

// Shapes in a 0..1 unit square.
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function layers(size) {
  // Thicker strokes at small sizes so the chart survives 16 px.
  const s = size <= 16 ? 0.085 : size <= 32 ? 0.065 : 0.05;
  const box = (cx, cy, w, h) => roundedRect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, Math.min(w, h) * 0.18);
  const top = box(0.5, 0.25, 0.34, 0.17);
  const kids = [0.2, 0.5, 0.8].map((cx) => box(cx, 0.58, 0.24, 0.15));
  const stem = rect(0.5 - s / 2, 0.33, 0.5 + s / 2, 0.43);
  const bar = rect(0.2 - s / 2, 0.43 - s / 2, 0.8 + s / 2, 0.43 + s / 2);
  const drops = [0.2, 0.5, 0.8].map((cx) => rect(cx - s / 2, 0.43, cx + s / 2, 0.51));
  const gold = roundedRect(0.14, 0.76, 0.86, 0.86, 0.04);
  return [
    [roundedRect(0.02, 0.02, 0.98, 0.98, 0.16), NAVY],
    [(x, y) => top(x, y) || kids.some((k) => k(x, y)) || stem(x, y) || bar(x, y) || drops.some((d) => d(x, y)), WHITE],
    [gold, GOLD],
  ];
}

function render(size) {
  const ss = 4;
  const ls = layers(size);
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          let colour = null;
          for (const [hit, c] of ls) if (hit(u, v)) colour = c;
          if (colour) {
            r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      const n = ss * ss;
      px[i] = a ? Math.round(r / a) : 0;
      px[i + 1] = a ? Math.round(g / a) : 0;
      px[i + 2] = a ? Math.round(b / a) : 0;
      px[i + 3] = Math.round((255 * a) / n);
    }
  }
  return png(size, size, px);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  writeFileSync(path.join(outDir, `icon-${size}.png`), render(size));
}
console.log(`Wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} to ${outDir}`);
