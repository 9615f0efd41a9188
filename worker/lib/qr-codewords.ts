// The data half of the QR encoder (ISO/IEC 18004 §7.4–7.6): byte-mode bit stream, padding, and
// Reed–Solomon check bytes over GF(256), split into blocks and interleaved. Level M only.

const EC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]; // level M, versions 1–10
const BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5];

/** GF(256) multiplication modulo x^8 + x^4 + x^3 + x^2 + 1. */
function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) result[j] = gfMul(result[j] as number, root) ^ (result[j + 1] ?? 0);
    root = gfMul(root, 2);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = divisor.map(() => 0);
  for (const b of data) {
    const factor = b ^ (result.shift() as number);
    result.push(0);
    divisor.forEach((coef, i) => {
      result[i] = (result[i] as number) ^ gfMul(coef, factor);
    });
  }
  return result;
}

export const rawModules = (v: number) => {
  let n = (16 * v + 128) * v + 64;
  if (v >= 2) {
    const align = Math.floor(v / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (v >= 7) n -= 36;
  }
  return n;
};

/** Data codewords, split into blocks, each followed by its Reed–Solomon check bytes, interleaved. */
export function codewords(bytes: Uint8Array, v: number): number[] {
  const total = Math.floor(rawModules(v) / 8);
  const ec = EC_PER_BLOCK[v - 1] as number;
  const blocks = BLOCKS[v - 1] as number;
  const capacity = total - ec * blocks;
  const bits: number[] = [];
  const put = (value: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(4, 4); // byte mode
  put(bytes.length, v < 10 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; data.length < capacity; pad ^= 0xec ^ 0x11) data.push(pad);
  const divisor = rsDivisor(ec);
  const shortLen = Math.floor(total / blocks);
  const shortBlocks = blocks - (total % blocks);
  const split: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const len = shortLen - ec + (i < shortBlocks ? 0 : 1);
    const d = data.slice(k, k + len);
    k += len;
    split.push([...d, ...(i < shortBlocks ? [0] : []), ...rsRemainder(d, divisor)]);
  }
  const out: number[] = [];
  // Column by column across the blocks; a short block has no byte at the padding position.
  for (let i = 0; i <= shortLen; i++) {
    for (const [j, b] of split.entries()) if (i !== shortLen - ec || j >= shortBlocks) out.push(b[i] as number);
  }
  return out;
}
