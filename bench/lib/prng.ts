// A seeded, deterministic random source for the data generator: the same seed gives the same programme,
// byte for byte, on any machine (Math.random cannot be seeded). sfc32 is small, fast and passes
// PractRand; cyrb128 turns a text seed into its four 32-bit words. https://github.com/bryc/code/blob/master/jshash/PRNGs.md
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** `weights[i]` is the relative weight of `list[i]`. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T;
  /** A version-4 UUID, as crypto.randomUUID() makes them (the app's ids; zod's z.uuid() checks the bits). */
  uuid(): string;
};

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Independent streams per purpose (`rng('seed/memos')`), so adding rows of one kind never shifts another. */
export function rng(seed: string): Rng {
  let [a, b, c, d] = cyrb128(seed);
  const u32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => u32() / 4294967296;
  const byte = () => u32() & 255;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)] as (typeof list)[number],
    weighted(list, weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = next() * total;
      for (let i = 0; i < list.length; i++) {
        x -= weights[i] ?? 0;
        if (x < 0) return list[i] as (typeof list)[number];
      }
      return list[list.length - 1] as (typeof list)[number];
    },
    uuid() {
      const b = Array.from({ length: 16 }, byte);
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const h = b.map((x) => HEX[x]).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}
