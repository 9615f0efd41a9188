// A strict reading of a zip archive, for the .xlsx writer's tests: neither fflate's unzipSync nor exceljs
// (JSZip without checkCRC32) checks an entry's CRC-32, and both trust the central directory's sizes. Here
// every entry is inflated by zlib and its CRC (zlib.crc32) and sizes are compared with the central
// directory AND with the data descriptor that follows a streamed entry, and the entries must tile the
// archive up to the central directory with no gap.
import { crc32, inflateRawSync } from 'node:zlib';

export type CheckedEntry = { name: string; method: number; crc: number; compressed: number; size: number; descriptor: boolean };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

export function checkZip(bytes: Uint8Array): { entries: CheckedEntry[]; files: Map<string, Buffer> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const text = (at: number, length: number) => new TextDecoder().decode(bytes.subarray(at, at + length));
  const end = bytes.length - 22;
  if (u32(end) !== END) throw new Error('no end of central directory in the last 22 bytes');
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryAt = u32(end + 16);
  if (directoryAt + directorySize !== end) throw new Error('the central directory does not end where the end record starts');
  const entries: CheckedEntry[] = [];
  const files = new Map<string, Buffer>();
  let at = directoryAt;
  let next = 0; // where the next local header must start
  for (let i = 0; i < count; i++) {
    if (u32(at) !== CENTRAL) throw new Error(`central entry ${i}: bad signature`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const name = text(at + 46, nameLength);
    const local = u32(at + 42);
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);

    if (local !== next) throw new Error(`${name}: local header at ${local}, expected ${next}`);
    if (u32(local) !== LOCAL) throw new Error(`${name}: bad local signature`);
    if (text(local + 30, u16(local + 26)) !== name) throw new Error(`${name}: local name differs`);
    const dataAt = local + 30 + u16(local + 26) + u16(local + 28);
    const descriptor = (flags & 8) !== 0;
    if (descriptor) {
      if (u32(dataAt + compressed) !== DESCRIPTOR) throw new Error(`${name}: no data descriptor after ${compressed} compressed bytes`);
      const [dCrc, dCompressed, dSize] = [u32(dataAt + compressed + 4), u32(dataAt + compressed + 8), u32(dataAt + compressed + 12)];
      if (dCrc !== crc || dCompressed !== compressed || dSize !== size)
        throw new Error(`${name}: data descriptor differs from the directory`);
      next = dataAt + compressed + 16;
    } else {
      if (u32(local + 14) !== crc || u32(local + 18) !== compressed || u32(local + 22) !== size)
        throw new Error(`${name}: local header differs from the directory`);
      next = dataAt + compressed;
    }
    const raw = bytes.subarray(dataAt, dataAt + compressed);
    const content = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (content.length !== size) throw new Error(`${name}: ${content.length} bytes inflated, ${size} declared`);
    if (crc32(content) !== crc)
      throw new Error(`${name}: CRC-32 ${crc32(content).toString(16)} of the content, ${crc.toString(16)} declared`);
    entries.push({ name, method, crc, compressed, size, descriptor });
    files.set(name, content);
  }
  if (next !== directoryAt) throw new Error(`the last entry ends at ${next}, the central directory starts at ${directoryAt}`);
  return { entries, files };
}
