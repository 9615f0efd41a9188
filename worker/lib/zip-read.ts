// Reading an uploaded .xlsx's zip (issue 21). The entries are found through the central directory
// (APPNOTE 4.3.16), which holds every entry's sizes even when the writer streamed it with a data
// descriptor, and each part the reader needs is inflated with fflate's streaming Inflate, fed in small
// slices so that the uncompressed bytes are counted WHILE inflating: a zip bomb (a few KB that inflate
// to gigabytes) is stopped once the budget is spent, never after. The sizes the archive declares are
// not trusted — only the bytes that actually come out count.
import { Inflate } from 'fflate';

export type ZipProblem = 'notZip' | 'damaged' | 'encrypted' | 'tooLarge';
export class ZipError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem) {
    super(`zip: ${problem}`);
    this.problem = problem;
  }
}

export type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; headerOffset: number };

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Bytes inflated per push: at DEFLATE's ≈ 1,032 : 1 ratio, one slice yields at most ≈ 8 MB before the count is checked. */
const SLICE = 8 * 1024;

export const isZip = (b: Uint8Array) => u32(b, 0) === LOCAL_HEADER;

/** The entries of an archive by name. Zip64 and multi-disk archives are refused: no workbook of 5 MB needs them. */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  if (!isZip(bytes)) throw new ZipError('notZip');
  // The end record is the last 22 bytes, unless a comment (≤ 65,535 bytes) follows it.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(bytes, i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('damaged');
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  let at = u32(bytes, end + 16);
  if (count === 0xffff || at === 0xffffffff || at + size > end) throw new ZipError('damaged');
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (u32(bytes, at) !== DIRECTORY_ENTRY) throw new ZipError('damaged');
    const nameLength = u16(bytes, at + 28);
    const entry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      headerOffset: u32(bytes, at + 42),
    };
    entries.set(entry.name.replace(/^\//, ''), entry);
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** The running allowance of uncompressed bytes, shared by every part read from one upload. */
export type Budget = { left: number };

/** An entry's bytes as UTF-8 text, inflated under the budget. */
export function entryText(bytes: Uint8Array, entry: ZipEntry, budget: Budget): string {
  if (entry.flags & 1) throw new ZipError('encrypted'); // traditional PKWARE or AES encryption
  const at = entry.headerOffset;
  if (u32(bytes, at) !== LOCAL_HEADER) throw new ZipError('damaged');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw new ZipError('damaged');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  const take = (chunk: Uint8Array) => {
    budget.left -= chunk.length;
    if (budget.left < 0) throw new ZipError('tooLarge');
    text += decoder.decode(chunk, { stream: true });
  };
  try {
    if (entry.method === 0) take(data);
    else if (entry.method === 8) {
      const inflate = new Inflate(take);
      for (let i = 0; i < data.length || i === 0; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    } else throw new ZipError('damaged');
    return text + decoder.decode();
  } catch (err) {
    // fflate's own errors (a corrupt stream) and a part that is not UTF-8 are damage; ours pass through.
    throw err instanceof ZipError ? err : new ZipError('damaged');
  }
}
