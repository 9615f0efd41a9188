// What an uploaded file is, by its bytes rather than its name (DESIGN §9): an .xlsx is a zip; the old
// binary .xls (BIFF) and a password-protected .xlsx are both Compound File Binary containers
// ([MS-CFB]) — the protected one holds an "EncryptedPackage" stream ([MS-OFFCRYPTO] §2.3.4.4) instead
// of a workbook. Neither can be read here, and each gets its own advice.
import { isZip } from './zip-read';

export type OfficeKind = 'zip' | 'encrypted' | 'xls' | 'other';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptedPackage" as a CFB directory entry names it: UTF-16LE, NUL-terminated, 34 bytes. */
const ENCRYPTED_PACKAGE = [...'EncryptedPackage\0'].flatMap((ch) => [ch.charCodeAt(0), 0]);

/**
 * Directory entries are 128-byte records in sectors of 512 or 4,096 bytes after the 512-byte header,
 * so every entry starts at a multiple of 128: each such record is compared with a stream entry
 * (object type 2) named EncryptedPackage, without following the FAT chains.
 */
function hasEncryptedPackage(b: Uint8Array): boolean {
  for (let at = 512; at + 128 <= b.length; at += 128) {
    if (b[at + 64] !== ENCRYPTED_PACKAGE.length || b[at + 65] !== 0 || b[at + 66] !== 2) continue;
    if (ENCRYPTED_PACKAGE.every((byte, i) => b[at + i] === byte)) return true;
  }
  return false;
}

export function officeKind(bytes: Uint8Array): OfficeKind {
  if (isZip(bytes)) return 'zip';
  if (CFB_MAGIC.every((byte, i) => bytes[i] === byte)) return hasEncryptedPackage(bytes) ? 'encrypted' : 'xls';
  return 'other';
}
