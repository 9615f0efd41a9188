// CRC-32 of a zip entry (APPNOTE 4.4.7: the reflected polynomial 0xEDB88320, as in zlib and PNG) over
// bytes that go through the platform's CompressionStream (xlsx-write.ts), which deflates but does not
// checksum. workerd computes it natively: crypto.DigestStream('crc32'), a non-standard extension that
// needs no nodejs_compat, whose digest is the CRC's 4 bytes big-endian. Node — the self-hosted server
// runs the same writer — has no DigestStream, and fflate computes this CRC for its own ZipDeflate but
// does not export it; there it is computed here by table, one byte a step (≈ 0.35 s of the 91 MB sheet of
// 100 k response rows, in Node on the bench machine).

export type Crc32 = {
  update(bytes: Uint8Array): Promise<void> | void;
  /** The CRC of everything given to update, once; no update after it. */
  digest(): Promise<number>;
};

type DigestStreamClass = new (algorithm: string) => WritableStream<Uint8Array> & { digest: Promise<ArrayBuffer> };
const nativeDigest = (globalThis.crypto as { DigestStream?: DigestStreamClass } | undefined)?.DigestStream;

export function crc32(): Crc32 {
  return nativeDigest ? native(nativeDigest) : byTable();
}

function native(DigestStream: DigestStreamClass): Crc32 {
  const stream = new DigestStream('crc32');
  const writer = stream.getWriter();
  return {
    update: (bytes) => writer.write(bytes),
    async digest() {
      await writer.close();
      return new DataView(await stream.digest).getUint32(0);
    },
  };
}

let TABLE: Int32Array | undefined;
const table = () => {
  if (TABLE) return TABLE;
  TABLE = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    TABLE[n] = c;
  }
  return TABLE;
};

/** By table, for runtimes without DigestStream (exported for the test that checks it against zlib's). */
export function byTable(): Crc32 {
  const t = table();
  let c = -1;
  return {
    update(bytes) {
      for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 255] as number) ^ (c >>> 8);
    },
    digest: async () => (c ^ -1) >>> 0,
  };
}
