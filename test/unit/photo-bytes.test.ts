import { describe, expect, it } from 'vitest';
import { sniffPhoto, stripMetadata } from '../../worker/memos/photo-bytes';
import { containsText, jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../fixtures/photos';

const enc = new TextEncoder();

describe('sniffPhoto: the kind by the bytes, never the name', () => {
  it('knows JPEG, PNG and WebP and nothing else', () => {
    expect(sniffPhoto(jpegWithMetadata())).toBe('image/jpeg');
    expect(sniffPhoto(pngWithMetadata())).toBe('image/png');
    expect(sniffPhoto(webpWithMetadata())).toBe('image/webp');
    for (const other of [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<!doctype html><script>',
      'GIF89a......',
      'RIFF\0\0\0\0WAVEfmt ',
      '',
    ]) {
      expect(sniffPhoto(enc.encode(other)), other).toBeNull();
    }
  });
});

describe('stripMetadata', () => {
  it('drops a JPEG’s EXIF, XMP and comment and keeps JFIF, the tables and the scan byte for byte', () => {
    const original = jpegWithMetadata('GPS-SECRET');
    const out = stripMetadata('image/jpeg', original);
    if (!out) throw new Error('refused');
    for (const gone of ['GPS-SECRET', 'Exif', 'xmpmeta', 'comment']) expect(containsText(out, gone), gone).toBe(false);
    expect(containsText(out, 'JFIF')).toBe(true);
    expect(Array.from(out.subarray(0, 2))).toEqual([0xff, 0xd8]);
    // Everything from the DQT segment on is unchanged: the pixels were not touched.
    const dqt = original.findIndex((b, i) => b === 0xff && original[i + 1] === 0xdb);
    expect(Array.from(out.subarray(out.length - (original.length - dqt)))).toEqual(Array.from(original.subarray(dqt)));
  });

  it('drops a PNG’s tEXt, iTXt and eXIf chunks and keeps IHDR, IDAT and IEND', () => {
    const out = stripMetadata('image/png', pngWithMetadata('GPS-SECRET'));
    if (!out) throw new Error('refused');
    expect(containsText(out, 'GPS-SECRET')).toBe(false);
    for (const chunk of ['tEXt', 'iTXt', 'eXIf']) expect(containsText(out, chunk), chunk).toBe(false);
    for (const chunk of ['IHDR', 'IDAT', 'IEND']) expect(containsText(out, chunk), chunk).toBe(true);
  });

  it('drops a WebP’s EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size', () => {
    const out = stripMetadata('image/webp', webpWithMetadata('GPS-SECRET'));
    if (!out) throw new Error('refused');
    expect(containsText(out, 'GPS-SECRET')).toBe(false);
    expect(containsText(out, 'EXIF') || containsText(out, 'XMP ')).toBe(false);
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    expect(view.getUint32(4, true)).toBe(out.length - 8);
    expect(out[20]).toBe(0x10); // VP8X flags: alpha kept, EXIF (0x08) and XMP (0x04) cleared
    expect(containsText(out, 'VP8 ')).toBe(true);
  });

  it('refuses broken structure rather than guess', () => {
    const jpeg = jpegWithMetadata();
    expect(stripMetadata('image/jpeg', jpeg.subarray(0, 30))).toBeNull(); // cut inside a segment
    const noScan = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0]);
    expect(stripMetadata('image/jpeg', noScan)).toBeNull();
    const png = pngWithMetadata();
    expect(stripMetadata('image/png', png.subarray(0, png.length - 12))).toBeNull(); // no IEND
    const webp = webpWithMetadata();
    expect(stripMetadata('image/webp', webp.subarray(0, 30))).toBeNull(); // RIFF size past the end
  });
});
