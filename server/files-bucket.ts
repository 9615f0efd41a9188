// The FILES binding on one server (issue 23): the part of the R2 API the app uses — get, put, head,
// delete, and list for the daily run's sweep of orphaned photos — over a folder (DATA_DIR/files). Each object is one file: a 4-byte length, a JSON header
// (size, etag, version, uploaded, httpMetadata, customMetadata), then the bytes, written to a temporary
// file, flushed and renamed into place, so a reader sees the old object or the new one, never half of
// either, and a crash leaves no torn object. A key becomes one file name by percent-encoding every
// character but [A-Za-z0-9_-] ('/' and '.' included), so no key — '../x', '/etc/passwd', '.' — can
// name a path outside the folder or a hidden file; long keys become their SHA-256.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

type Header = {
  key: string;
  size: number;
  etag: string;
  version: string;
  uploaded: number;
  httpMetadata: R2HTTPMetadata;
  customMetadata: Record<string, string>;
};

/** A file name for `key`, inside the folder whatever the key holds. */
export function fileNameOf(key: string): string {
  const encoded = key.replace(/[^A-Za-z0-9_-]/g, (ch) =>
    Array.from(new TextEncoder().encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  // File names stop at 255 bytes; R2 keys may have 1,024. '~' never appears in an encoded key.
  return encoded.length <= 200 && encoded !== '' ? encoded : `~${createHash('sha256').update(key).digest('hex')}`;
}

const HTTP_FIELDS = ['contentType', 'contentLanguage', 'contentDisposition', 'contentEncoding', 'cacheControl'] as const;
const HEADER_OF: Record<(typeof HTTP_FIELDS)[number], string> = {
  contentType: 'content-type',
  contentLanguage: 'content-language',
  contentDisposition: 'content-disposition',
  contentEncoding: 'content-encoding',
  cacheControl: 'cache-control',
};

function httpMetadataOf(given: R2HTTPMetadata | Headers | undefined): R2HTTPMetadata {
  if (!given) return {};
  const out: R2HTTPMetadata = {};
  for (const field of HTTP_FIELDS) {
    const value = given instanceof Headers ? given.get(HEADER_OF[field]) : given[field];
    if (value) out[field] = value;
  }
  return out;
}

async function bytesOf(value: ReadableStream | ArrayBuffer | ArrayBufferView | string | null | Blob): Promise<Uint8Array> {
  if (value === null) return new Uint8Array();
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof Blob) return new Uint8Array(await value.arrayBuffer());
  return new Uint8Array(await new Response(value).arrayBuffer());
}

function objectOf(h: Header) {
  return {
    key: h.key,
    version: h.version,
    size: h.size,
    etag: h.etag,
    httpEtag: `"${h.etag}"`,
    checksums: { md5: Buffer.from(h.etag, 'hex').buffer, toJSON: () => ({ md5: h.etag }) },
    uploaded: new Date(h.uploaded),
    httpMetadata: h.httpMetadata,
    customMetadata: h.customMetadata,
    storageClass: 'Standard',
    writeHttpMetadata(headers: Headers) {
      for (const field of HTTP_FIELDS) {
        const value = h.httpMetadata[field];
        if (value) headers.set(HEADER_OF[field], value);
      }
    },
  };
}

function bodyOf(h: Header, bytes: Uint8Array) {
  let used = false;
  const take = () => {
    if (used) throw new TypeError('Body has already been used');
    used = true;
    return bytes;
  };
  // A literal, not Object.assign: assigning would call the getters (and use the body) at once.
  return {
    ...objectOf(h),
    get body() {
      const data = take();
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(data);
          controller.close();
        },
      });
    },
    get bodyUsed() {
      return used;
    },
    arrayBuffer: async () => {
      const b = take();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    bytes: async () => take(),
    text: async () => new TextDecoder().decode(take()),
    json: async <T>() => JSON.parse(new TextDecoder().decode(take())) as T,
    blob: async () => new Blob([take() as Uint8Array<ArrayBuffer>]),
  };
}

export class FolderBucket {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    mkdirSync(this.root, { recursive: true });
  }

  pathOf(key: string): string {
    const path = join(this.root, fileNameOf(key));
    if (!path.startsWith(this.root + sep)) throw new Error(`FILES: key ${JSON.stringify(key)} resolves outside ${this.root}`);
    return path;
  }

  async head(key: string) {
    const header = await this.headerOf(this.pathOf(key));
    return header ? objectOf(header) : null;
  }

  async get(key: string) {
    const data = await readFile(this.pathOf(key)).catch(missing);
    if (!data) return null;
    const length = data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Header;
    return bodyOf(header, new Uint8Array(data.subarray(4 + length)));
  }

  async put(key: string, value: ReadableStream | ArrayBuffer | ArrayBufferView | string | null | Blob, options: R2PutOptions = {}) {
    const target = this.pathOf(key);
    const bytes = await bytesOf(value);
    const header: Header = {
      key,
      size: bytes.byteLength,
      etag: createHash('md5').update(bytes).digest('hex'),
      version: randomUUID().replaceAll('-', ''),
      uploaded: Date.now(),
      httpMetadata: httpMetadataOf(options.httpMetadata),
      customMetadata: { ...(options.customMetadata ?? {}) },
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length, 0);
    // '.' never starts an encoded key, so a temporary file cannot be mistaken for an object.
    const temp = join(this.root, `.tmp-${randomUUID()}`);
    try {
      await writeFile(temp, Buffer.concat([length, json, bytes]), { flush: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return objectOf(header);
  }

  /**
   * R2's list in key order, `limit` (default and most 1,000) at a time; the cursor is the last key
   * returned. Keys are read back from the file names (or, for the hashed long ones, their headers).
   */
  async list(options: { prefix?: string; limit?: number; cursor?: string } = {}) {
    const prefix = options.prefix ?? '';
    const limit = Math.min(Math.max(options.limit ?? 1000, 1), 1000);
    // A hashed long key's header is read once, for its key, and kept for the page.
    const keyed: { key: string; name: string; header?: Header | null }[] = [];
    for (const name of await readdir(this.root)) {
      if (name.startsWith('.')) continue;
      const header = name.startsWith('~') ? await this.headerOf(join(this.root, name)) : undefined;
      const key = header === undefined ? decodeURIComponent(name) : header?.key;
      if (key?.startsWith(prefix) && (options.cursor === undefined || key > options.cursor)) keyed.push({ key, name, header });
    }
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = keyed.slice(0, limit);
    const objects = [];
    for (const { name, header: read } of page) {
      const header = read === undefined ? await this.headerOf(join(this.root, name)) : read;
      if (header) objects.push(objectOf(header));
    }
    const truncated = keyed.length > limit;
    return { objects, truncated, cursor: truncated ? page[page.length - 1]?.key : undefined, delimitedPrefixes: [] };
  }

  private async headerOf(path: string): Promise<Header | null> {
    const file = await open(path, 'r').catch(missing);
    if (!file) return null;
    try {
      const length = Buffer.alloc(4);
      await file.read(length, 0, 4, 0);
      const header = Buffer.alloc(length.readUInt32BE(0));
      await file.read(header, 0, header.length, 4);
      return JSON.parse(header.toString('utf8')) as Header;
    } finally {
      await file.close();
    }
  }

  async delete(keys: string | string[]): Promise<void> {
    for (const key of Array.isArray(keys) ? keys : [keys]) await rm(this.pathOf(key), { force: true });
  }
}

const missing = (err: NodeJS.ErrnoException) => {
  if (err.code === 'ENOENT') return null;
  throw err;
};

/** The bucket typed as the binding the Worker code expects (the subset above; multipart is not used). */
export const filesInFolder = (root: string): R2Bucket => new FolderBucket(root) as unknown as R2Bucket;
