// QR codes (ISO/IEC 18004) for survey links and password-setup links, as inline SVG made in the Worker.
// Hand-written rather than a library: the smallest suitable packages (lean-qr, uqr) add ≈ 4 KB gzip
// to a Worker already near its 100 KB budget (DESIGN §8); links only need byte mode at level M in
// versions 1–10 (up to 213 bytes), which is ≈ 1.5 KB gzip here. Structure follows Nayuki's reference
// encoder (https://www.nayuki.io/page/qr-code-generator-library).

import { codewords } from './qr-codewords';

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** BCH remainder for the format (15,5) and version (18,6) codes. */
const bch = (value: number, bits: number, poly: number) => {
  let r = value;
  for (let i = 0; i < bits; i++) r = (r << 1) ^ ((r >>> (bits - 1)) * poly);
  return (value << bits) | r;
};

type Matrix = { size: number; dark: boolean[]; fixed: boolean[] };

function functionPatterns(v: number): Matrix {
  const size = v * 4 + 17;
  const m: Matrix = { size, dark: new Array(size * size).fill(false), fixed: new Array(size * size).fill(false) };
  const set = (x: number, y: number, on: boolean) => {
    m.dark[y * size + x] = on;
    m.fixed[y * size + x] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++)
      for (let dx = -4; dx <= 4; dx++) {
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        if (cx + dx >= 0 && cx + dx < size && cy + dy >= 0 && cy + dy < size) set(cx + dx, cy + dy, d !== 2 && d !== 4);
      }
  }
  if (v >= 2) {
    const n = Math.floor(v / 7) + 2;
    const step = Math.ceil((v * 4 + 4) / (n * 2 - 2)) * 2;
    const pos = [6, ...Array.from({ length: n - 1 }, (_, i) => size - 7 - (n - 2 - i) * step)];
    for (const [i, ax] of pos.entries()) {
      for (const [j, ay] of pos.entries()) {
        if ((i === 0 && j === 0) || (i === 0 && j === n - 1) || (i === n - 1 && j === 0)) continue; // finder corners
        for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }
  drawFormat(m, 0, set);
  if (v >= 7) {
    const bits = bch(v, 12, 0x1f25);
    for (let i = 0; i < 18; i++) {
      const on = ((bits >>> i) & 1) === 1;
      set(size - 11 + (i % 3), Math.floor(i / 3), on);
      set(Math.floor(i / 3), size - 11 + (i % 3), on);
    }
  }
  return m;
}

/** Format information for level M (bits 00) and the given mask, in both copies. */
function drawFormat(m: Matrix, mask: number, set: (x: number, y: number, on: boolean) => void) {
  const bits = bch(mask, 10, 0x537) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  const s = m.size;
  for (let i = 0; i <= 5; i++) set(8, i, bit(i));
  set(8, 7, bit(6));
  set(8, 8, bit(7));
  set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) set(s - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) set(8, s - 15 + i, bit(i));
  set(8, s - 8, true);
}

/** Places the codewords in the two-column zigzag, skipping function modules. */
function placeData(m: Matrix, data: number[]) {
  let i = 0;
  for (let right = m.size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < m.size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? m.size - 1 - vert : vert;
        if (!m.fixed[y * m.size + x] && i < data.length * 8) {
          m.dark[y * m.size + x] = (((data[i >>> 3] as number) >>> (7 - (i & 7))) & 1) === 1;
          i++;
        }
      }
    }
  }
}

/** The four penalty rules of ISO/IEC 18004 §7.8.3, over each row and column as a '0'/'1' string. */
function penalty({ size, dark }: Matrix): number {
  const lines: string[] = [];
  for (let a = 0; a < size; a++) {
    let row = '';
    let col = '';
    for (let b = 0; b < size; b++) {
      row += dark[a * size + b] ? '1' : '0';
      col += dark[b * size + a] ? '1' : '0';
    }
    lines.push(row, col);
  }
  let score = 0;
  for (const line of lines) {
    for (const run of line.match(/0{5,}|1{5,}/g) ?? []) score += run.length - 2;
    score += 40 * (`0000${line}0000`.match(/(?=00001011101|10111010000)/g)?.length ?? 0);
  }
  for (let y = 0; y < size - 1; y++)
    for (let x = 0; x < size - 1; x++) {
      const c = dark[y * size + x];
      if (c === dark[y * size + x + 1] && c === dark[(y + 1) * size + x] && c === dark[(y + 1) * size + x + 1]) score += 3;
    }
  const total = size * size;
  const on = dark.filter(Boolean).length;
  return score + 10 * (Math.ceil(Math.abs(on * 20 - total * 10) / total) - 1);
}

/** The module matrix for `text` (UTF-8, byte mode, level M), with the mask of lowest penalty unless one is forced. */
export function qrMatrix(text: string, forceMask?: number): { size: number; dark: boolean[] } {
  const bytes = new TextEncoder().encode(text);
  const v = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213].findIndex((cap) => bytes.length <= cap) + 1;
  if (v === 0) throw new RangeError('QR payload over 213 bytes');
  const base = functionPatterns(v);
  placeData(base, codewords(bytes, v));
  let best: Matrix | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 8; mask++) {
    if (forceMask !== undefined && mask !== forceMask) continue;
    const m: Matrix = { size: base.size, dark: [...base.dark], fixed: base.fixed };
    const test = MASKS[mask] as (x: number, y: number) => boolean;
    for (let i = 0; i < m.dark.length; i++) if (!m.fixed[i] && test(i % m.size, Math.floor(i / m.size))) m.dark[i] = !m.dark[i];
    drawFormat(m, mask, (x, y, on) => {
      m.dark[y * m.size + x] = on;
    });
    const score = penalty(m);
    if (score < bestScore) [best, bestScore] = [m, score];
  }
  return best as Matrix;
}

/**
 * The SVG geometry of a code with its 4-module quiet zone: one path of horizontal runs, so a sheet of
 * hundreds of codes stays small. Pages render it as an <svg> element (no HTML strings).
 */
export function qrPath(text: string): { size: number; d: string } {
  const { size, dark } = qrMatrix(text);
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark[y * size + x]) continue;
      let run = 1;
      while (x + run < size && dark[y * size + x + run]) run++;
      d += `M${x + 4} ${y + 4}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return { size: size + 8, d };
}
