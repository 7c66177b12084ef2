import { Inflate } from 'fflate';

/**
 * A small, defensive zip reader for class packs. fflate inflates, but its unzip trusts the sizes
 * it is given and hides the entries' external attributes (which mark symlinks), so the central
 * directory is read here first: every size, name and attribute is checked against the limits
 * before a single byte is inflated, and inflating then stops at the size the directory declared.
 */

/** One entry of the central directory, as declared (nothing inflated yet). */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** True when the entry is a directory (its name ends in `/`). */
  directory: boolean;
  /** True when the Unix mode in the external attributes says symbolic link. */
  symlink: boolean;
  /** True when the entry is encrypted (general purpose flag bit 0). */
  encrypted: boolean;
}

/** Why the bytes could not be read as a zip at all. */
export class ZipFormatError extends Error {}

/** Raised when an entry inflates to more than it declared (a lying header, the classic bomb). */
export class ZipOverflowError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const EOCD_SEARCH = 22 + 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** True when the bytes start like a zip (a local header, or the end record of an empty zip). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 22 && (u32(bytes, 0) === LOCAL_SIGNATURE || u32(bytes, 0) === EOCD_SIGNATURE);
}

/** Reads the central directory: the entries as declared. Throws ZipFormatError on anything malformed. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  if (!looksLikeZip(bytes)) throw new ZipFormatError('not a zip file');
  let eocd = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - EOCD_SEARCH); at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory record');
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  // Zip64 marks its fields 0xffff / 0xffffffff; packs are far below those sizes, so refuse it rather than half-read it.
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  if (offset + size > eocd) throw new ZipFormatError('the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || u32(bytes, at) !== CENTRAL_SIGNATURE) throw new ZipFormatError('a central directory entry is damaged');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const uncompressedSize = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const madeBy = u16(bytes, at + 4) >> 8;
    const external = u32(bytes, at + 38);
    const localHeaderOffset = u32(bytes, at + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff)
      throw new ZipFormatError('zip64 archives are not supported');
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Host 3 is Unix: the high 16 bits of the external attributes hold the file mode.
    const mode = madeBy === 3 ? external >>> 16 : 0;
    entries.push({
      name,
      method,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      directory: name.endsWith('/'),
      symlink: (mode & S_IFMT) === S_IFLNK,
      encrypted: (flags & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates one entry, never producing more than `entry.uncompressedSize` bytes: the stream is fed
 * in slices and stops with ZipOverflowError the moment the output passes the declared size.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || u32(bytes, at) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${entry.name}: damaged local header`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) throw new ZipFormatError(`${entry.name}: its data runs past the end of the file`);
  const data = bytes.subarray(start, end);
  const cap = entry.uncompressedSize;
  if (entry.method === 0) {
    if (data.byteLength !== cap) throw new ZipFormatError(`${entry.name}: stored size does not match`);
    return data.slice();
  }
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name}: compression method ${entry.method} is not supported`);
  const out = new Uint8Array(cap);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.byteLength > cap) throw new ZipOverflowError(`${entry.name} inflates to more than the ${cap} bytes it declares`);
    out.set(chunk, written);
    written += chunk.byteLength;
  });
  const SLICE = 64 * 1024;
  for (let i = 0; i < data.byteLength; i += SLICE) inflater.push(data.subarray(i, Math.min(data.byteLength, i + SLICE)), i + SLICE >= data.byteLength);
  if (data.byteLength === 0) inflater.push(new Uint8Array(0), true);
  if (written !== cap) throw new ZipFormatError(`${entry.name}: inflates to ${written} bytes, not the ${cap} it declares`);
  return out;
}
