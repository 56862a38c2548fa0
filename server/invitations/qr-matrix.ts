/**
 * QR codes for links, fast enough to print a province's 5,000 slips in one page.
 *
 * The `qrcode` package made each code in about 0.35 ms, four fifths of it choosing the mask: it
 * draws the symbol eight times through a generic bit matrix and scores each. Here everything that
 * depends only on the version is computed once — the function patterns, the order in which the
 * data modules are filled, the eight masks over those modules, where the format bits go — and a
 * code is: its bytes, Reed–Solomon, the bits laid in that order, and eight cheap scorings over a
 * typed array. The symbol is the one the ISO/IEC 18004 procedure gives for byte mode at error
 * correction level M (level M survives a crease or a smudge on a printed slip), and the scoring is
 * `qrcode`'s own reading of the standard's N1–N4 rules, so the chosen mask is the one `qrcode`
 * chooses: test/server/qr-matrix.test.ts compares the two, module by module, on every version.
 */

/** A finished symbol: `size` × `size` modules, row by row, 1 dark. */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
  version: number;
  mask: number;
}

// Level M, versions 1–40: error correction codewords per block and the number of blocks.
const EC_PER_BLOCK = [
  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
const BLOCKS = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26,
  28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];
/** Level M's two bits in the format information. */
const LEVEL_M = 0b00;

/** Modules left for data and error correction once the function patterns are drawn. */
function rawDataModules(version: number): number {
  let n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    n -= (25 * align - 10) * align - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

function dataCodewords(version: number): number {
  const i = version - 1;
  return Math.floor(rawDataModules(version) / 8) - (EC_PER_BLOCK[i] ?? 0) * (BLOCKS[i] ?? 0);
}

/** Centres of the alignment patterns along one axis. */
function alignmentCentres(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let pos = size - 7; centres.length < count; pos -= step) centres.splice(1, 0, pos);
  return centres;
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255] as number;
}

const mul = (a: number, b: number) =>
  a === 0 || b === 0 ? 0 : (EXP[(LOG[a] as number) + (LOG[b] as number)] as number);

/** The generator polynomial of degree `degree`, roots α^0 … α^(degree−1), leading 1 left out. */
function generator(degree: number): Uint8Array {
  const g = new Uint8Array(degree);
  g[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      g[j] = mul(g[j] as number, root) ^ (j + 1 < degree ? (g[j + 1] as number) : 0);
    }
    root = mul(root, 2);
  }
  return g;
}

function remainder(data: Uint8Array, gen: Uint8Array): Uint8Array {
  const out = new Uint8Array(gen.length);
  for (const byte of data) {
    const factor = byte ^ (out[0] as number);
    out.copyWithin(0, 1);
    out[out.length - 1] = 0;
    if (factor === 0) continue;
    const lf = LOG[factor] as number;
    for (let i = 0; i < out.length; i++) {
      const g = gen[i] as number;
      if (g !== 0) out[i] = (out[i] as number) ^ (EXP[(LOG[g] as number) + lf] as number);
    }
  }
  return out;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** The 15 format bits for level M and `mask`, bit 0 first. */
function formatBits(mask: number): number {
  const data = (LEVEL_M << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

interface Layout {
  version: number;
  size: number;
  /**
   * The symbol under each mask, bit m of a byte for mask m, before the data: function patterns and
   * version information (the same under every mask: 0x00 or 0xff), the format information (its
   * own per mask), data modules light.
   */
  base: Uint8Array;
  /** Where a code is made, reused. */
  work: Uint8Array;
  /** Where each data bit goes, in filling order (index y·size + x). */
  order: Int32Array;
  /** Per data bit, the masks that flip its module (bit m for mask m). */
  flips: Uint8Array;
  /** Error correction: codewords per block, blocks, and the generator. */
  ecLen: number;
  blocks: number;
  gen: Uint8Array;
  capacity: number;
}

function buildLayout(version: number): Layout {
  const size = version * 4 + 17;
  const base = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean) => {
    base[y * size + x] = dark ? 0xff : 0;
    reserved[y * size + x] = 1;
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
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        set(x, y, d !== 2 && d !== 4);
      }
    }
  }
  const centres = alignmentCentres(version, size);
  const last = centres.length - 1;
  centres.forEach((cx, i) => {
    centres.forEach((cy, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    });
  });
  // Format information, twice: bit i of each mask's 15 bits in lane m.
  for (let i = 0; i < 15; i++) {
    let lanes = 0;
    for (let mask = 0; mask < 8; mask++) lanes |= ((formatBits(mask) >>> i) & 1) << mask;
    const [ax, ay] = i < 6 ? [8, i] : i < 8 ? [8, i + 1] : i === 8 ? [7, 8] : [14 - i, 8];
    const [bx, by] = i < 8 ? [size - 1 - i, 8] : [8, size - 15 + i];
    set(ax, ay, false);
    set(bx, by, false);
    base[ay * size + ax] = lanes;
    base[by * size + bx] = lanes;
  }
  set(8, size - 8, true);
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      set(a, b, dark);
      set(b, a, dark);
    }
  }
  const order = new Int32Array(rawDataModules(version));
  let k = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vert = 0; vert < size; vert++) {
      const y = upward ? size - 1 - vert : vert;
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        if (!reserved[y * size + x]) order[k++] = y * size + x;
      }
    }
  }
  const flips = new Uint8Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    MASKS.forEach((flipped, mask) => {
      if (flipped(at % size, Math.floor(at / size))) flips[i] = (flips[i] as number) | (1 << mask);
    });
  }
  const ecLen = EC_PER_BLOCK[version - 1] as number;
  return {
    version,
    size,
    base,
    work: new Uint8Array(base.length),
    order,
    flips,
    ecLen,
    blocks: BLOCKS[version - 1] as number,
    gen: generator(ecLen),
    capacity: dataCodewords(version),
  };
}

const layouts = new Map<number, Layout>();
function layoutFor(version: number): Layout {
  let l = layouts.get(version);
  if (!l) {
    l = buildLayout(version);
    layouts.set(version, l);
  }
  return l;
}

/** The data codewords: byte mode, the length, the bytes, terminator and padding. */
function dataStream(bytes: Uint8Array, version: number, capacity: number): Uint8Array {
  const out = new Uint8Array(capacity);
  let bit = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, bit++) {
      if ((value >>> i) & 1) out[bit >>> 3] = (out[bit >>> 3] as number) | (0x80 >>> (bit & 7));
    }
  };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  // A terminator of up to four zero bits and zeros to the byte are already there.
  bit += Math.min(4, capacity * 8 - bit);
  for (let i = Math.ceil(bit / 8), pad = 0xec; i < capacity; i++, pad ^= 0xec ^ 0x11) out[i] = pad;
  return out;
}

/** Data and error correction codewords, split into blocks and interleaved. */
function codewords(data: Uint8Array, l: Layout): Uint8Array {
  const total = Math.floor(l.order.length / 8);
  const shortBlocks = l.blocks - (total % l.blocks);
  const shortData = Math.floor(total / l.blocks) - l.ecLen;
  const blocks: { data: Uint8Array; ec: Uint8Array }[] = [];
  for (let i = 0, at = 0; i < l.blocks; i++) {
    const len = shortData + (i < shortBlocks ? 0 : 1);
    const d = data.subarray(at, at + len);
    at += len;
    blocks.push({ data: d, ec: remainder(d, l.gen) });
  }
  const out = new Uint8Array(total);
  let k = 0;
  for (let i = 0; i <= shortData; i++) {
    for (const b of blocks) if (i < b.data.length) out[k++] = b.data[i] as number;
  }
  for (let i = 0; i < l.ecLen; i++) for (const b of blocks) out[k++] = b.ec[i] as number;
  return out;
}

// Eight symbols scored at once: byte `lanes[i]` holds module i under each of the eight masks
// (bit m for mask m), so one pass over the modules scores all eight with byte-wide bit operations.
// Counts are kept per mask in 13-bit fields of two doubles (masks 0–3 and 4–7; exact below 2^53),
// emptied into the totals before any field could overflow.
const FIELD = 8192;
const PLACE = [1, FIELD, FIELD ** 2, FIELD ** 3];
const SPREAD_LO = new Float64Array(256);
const SPREAD_HI = new Float64Array(256);
for (let lanes = 0; lanes < 256; lanes++) {
  for (let m = 0; m < 4; m++) {
    if (lanes & (1 << m)) SPREAD_LO[lanes] = (SPREAD_LO[lanes] as number) + (PLACE[m] as number);
    if (lanes & (1 << (m + 4)))
      SPREAD_HI[lanes] = (SPREAD_HI[lanes] as number) + (PLACE[m] as number);
  }
}

class Tally {
  readonly total = new Float64Array(8);
  private lo = 0;
  private hi = 0;
  /** The most any field holds: the sum of the weights added since the last emptying. */
  private most = 0;
  reset() {
    this.total.fill(0);
    this.lo = 0;
    this.hi = 0;
    this.most = 0;
  }
  add(lanes: number, weight: number) {
    if (this.most + weight >= FIELD) this.empty();
    this.most += weight;
    this.lo += (SPREAD_LO[lanes] as number) * weight;
    this.hi += (SPREAD_HI[lanes] as number) * weight;
  }
  empty() {
    for (let m = 3; m >= 0; m--) {
      const place = PLACE[m] as number;
      const lo = Math.floor(this.lo / place);
      const hi = Math.floor(this.hi / place);
      this.total[m] = (this.total[m] as number) + lo;
      this.total[m + 4] = (this.total[m + 4] as number) + hi;
      this.lo -= lo * place;
      this.hi -= hi * place;
    }
    this.most = 0;
  }
}

/**
 * N1 and N3 along one line (a row: `step` 1; a column: `step` size), for the eight masks at once.
 * N1, a run of L ≥ 5 equal modules, costs L − 2: one per window of five equal modules (L − 4)
 * plus two where such a run starts. N3 counts the windows of eleven, fully inside the line, that
 * read 1011101 0000 or 0000 1011101.
 */
function scoreLine(l: Uint8Array, first: number, step: number, size: number, t: Tally) {
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let prevWindow = 0;
  let prev = l[first] as number;
  for (let b = 1, at = first + step; b < size; b++, at += step) {
    const x = l[at] as number;
    const eq = ~(x ^ prev) & 0xff;
    prev = x;
    if (b >= 4) {
      const window = eq & e1 & e2 & e3;
      if (window) {
        t.add(window, 1);
        const start = window & ~prevWindow;
        if (start) t.add(start, 2);
      }
      prevWindow = window;
    }
    e3 = e2;
    e2 = e1;
    e1 = eq;
    if (b >= 10) {
      const core =
        (l[at - 6 * step] as number) & ~(l[at - 5 * step] as number) & (l[at - 4 * step] as number);
      if (core) {
        const a10 = l[at - 10 * step] as number;
        const a9 = l[at - 9 * step] as number;
        const a8 = l[at - 8 * step] as number;
        const a7 = l[at - 7 * step] as number;
        const a3 = l[at - 3 * step] as number;
        const a2 = l[at - 2 * step] as number;
        const a1 = l[at - step] as number;
        const finderFirst = core & a10 & ~a9 & a8 & a7 & ~a3 & ~a2 & ~a1 & ~x;
        const finderLast = core & ~a10 & ~a9 & ~a8 & ~a7 & a3 & a2 & ~a1 & x;
        const found = (finderFirst | finderLast) & 0xff;
        if (found) t.add(found, 40);
      }
    }
  }
}

/**
 * The penalty of each of the eight masks, as `qrcode` scores a finished symbol: runs of five or
 * more in a row or column (N1), 2 × 2 blocks of one colour (N2), finder-like runs with four light
 * modules on one side (N3), and the distance of the dark share from half (N4).
 */
// Reused from code to code (scoring is synchronous): 5,000 codes made no garbage for them.
const penaltyTally = new Tally();
const darkTally = new Tally();

function penalties(l: Uint8Array, size: number): Float64Array {
  const t = penaltyTally;
  const dark = darkTally;
  t.reset();
  dark.reset();
  for (let a = 0; a < size; a++) {
    scoreLine(l, a * size, 1, size, t);
    scoreLine(l, a, size, size, t);
    const row = a * size;
    for (let b = 0; b < size; b++) {
      const p = l[row + b] as number;
      dark.add(p, 1);
      if (a + 1 < size && b + 1 < size) {
        const same =
          ~(
            (p ^ (l[row + b + 1] as number)) |
            (p ^ (l[row + size + b] as number)) |
            (p ^ (l[row + size + b + 1] as number))
          ) & 0xff;
        if (same) t.add(same, 3);
      }
    }
  }
  t.empty();
  dark.empty();
  const modules = size * size;
  for (let m = 0; m < 8; m++) {
    const k = Math.abs(Math.ceil(((dark.total[m] as number) * 100) / modules / 5) - 10);
    t.total[m] = (t.total[m] as number) + k * 10;
  }
  return t.total;
}

const encoder = new TextEncoder();

/**
 * The QR code of `text` (UTF-8, byte mode, level M), the mask chosen by the lowest penalty. With
 * `into` (at least size² long) the modules are written there instead of a new array: the slips
 * page draws 5,000 codes through one.
 */
export function qrMatrix(text: string, into?: Uint8Array): QrMatrix {
  const bytes = encoder.encode(text);
  let version = 1;
  while (
    version <= 40 &&
    4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(version) * 8
  )
    version++;
  if (version > 40) throw new Error(`too long for a QR code: ${bytes.length} bytes`);
  const l = layoutFor(version);
  const words = codewords(dataStream(bytes, version, l.capacity), l);
  const lanes = l.work;
  lanes.set(l.base);
  for (let i = 0; i < words.length * 8; i++) {
    const bit = ((words[i >>> 3] as number) >>> (7 - (i & 7))) & 1;
    lanes[l.order[i] as number] = (bit ? 0xff : 0) ^ (l.flips[i] as number);
  }
  // Remainder bits: light, so only the masks flip them.
  for (let i = words.length * 8; i < l.order.length; i++) {
    lanes[l.order[i] as number] = l.flips[i] as number;
  }
  const scores = penalties(lanes, l.size);
  let mask = 0;
  for (let m = 1; m < 8; m++) if ((scores[m] as number) < (scores[mask] as number)) mask = m;
  const data =
    into && into.length >= lanes.length
      ? into.subarray(0, lanes.length)
      : new Uint8Array(lanes.length);
  for (let i = 0; i < lanes.length; i++) data[i] = ((lanes[i] as number) >>> mask) & 1;
  return { size: l.size, data, version, mask };
}
