// A photo's kind by its bytes (magic numbers, never the name or the declared type), and its metadata
// stripped at the byte level: EXIF (GPS, camera, time), XMP, IPTC and comments. No image is decoded or
// re-encoded, so the pixels are untouched. Written here because the npm strippers we found are Node
// streams or JPEG-only (exif-be-gone, exifremove, piexifjs); each format's rules are small:
// - JPEG (ITU T.81 B.1): segments before SOS; keep APP0 (JFIF), APP2 ICC_PROFILE and APP14 (Adobe: colour
//   transform), drop every other APPn (APP1 is EXIF/XMP) and COM; the scan data after SOS is copied as is.
// - PNG (ISO 15948 §5): drop the text chunks tEXt, zTXt, iTXt, the eXIf chunk and tIME; keep the rest.
// - WebP (RIFF container, developers.google.com/speed/webp/docs/riff_container): drop the EXIF and "XMP "
//   chunks and clear their flags in VP8X, then rewrite the RIFF size.
// Anything malformed (a length running past the end, no SOS, no IEND) is refused rather than guessed at.
import type { PhotoType } from '../../schema/rules/photos';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The photo's type from its first bytes, or null for anything that is not a JPEG, PNG or WebP. */
export function sniffPhoto(b: Uint8Array): PhotoType | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'image/png';
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

/** The same image without its metadata, or null when its structure is broken. */
export function stripMetadata(type: PhotoType, b: Uint8Array): Uint8Array | null {
  if (type === 'image/jpeg') return stripJpeg(b);
  if (type === 'image/png') return stripPng(b);
  return stripWebp(b);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const keepJpegSegment = (marker: number, body: Uint8Array) => {
  if (marker === 0xfe) return false; // COM
  if (marker < 0xe0 || marker > 0xef) return true; // not APPn: tables, frame headers
  if (marker === 0xe0 || marker === 0xee) return true; // JFIF, Adobe
  return marker === 0xe2 && ascii(body, 0, 12) === 'ICC_PROFILE\0';
};

function stripJpeg(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = ((b[at + 2] as number) << 8) | (b[at + 3] as number);
    if (length < 2 || at + 2 + length > b.length) return null;
    if (marker === 0xda) {
      parts.push(b.subarray(at)); // SOS: the scan data (and whatever follows) as it is
      return concat(parts);
    }
    const segment = b.subarray(at, at + 2 + length);
    if (keepJpegSegment(marker, segment.subarray(4))) parts.push(segment);
    at += 2 + length;
  }
  return null;
}

const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > b.length) return null;
    const type = ascii(b, at + 4, 4);
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') return concat(parts);
  }
  return null;
}

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length) return null;
  const parts: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const fourCC = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2); // chunks are padded to an even length
    if (at + 8 + size > riffEnd) return null;
    if (fourCC === 'VP8X' && size >= 1) {
      const chunk = b.slice(at, Math.min(end, riffEnd));
      chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
      parts.push(chunk);
    } else if (fourCC !== 'EXIF' && fourCC !== 'XMP ') parts.push(b.subarray(at, Math.min(end, riffEnd)));
    at = end;
  }
  if (parts.length === 0) return null;
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}
