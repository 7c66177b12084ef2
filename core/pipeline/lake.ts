import { gunzipSync } from 'fflate';

/**
 * The data lake as a pipeline sees it: a folder of raw files named by paths relative to its root
 * ('events/2025-01.jsonl.gz'). Node reads a folder (scripts/lib/node-lake.ts), the app fetches the
 * served datasets folder (core/pipeline/lake-fetch.ts); both hand over the bytes as stored, and
 * gzip is recognised here by its magic bytes, never by the name: a web server may already have
 * unpacked a `.gz` file (Content-Encoding: gzip), the desktop app serves it as stored.
 */

/** Read access to one lake folder. Paths use '/' and are relative to the lake root. */
export interface LakeReader {
  /** Every file of the lake, as relative paths. */
  list(): Promise<string[]>;
  /** A file's bytes as stored (gzip or not). Throws LakeReadError when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
}

/** Why a lake file could not be read; the UI maps each code to a localised message. */
export type LakeReadErrorCode = 'http' | 'network' | 'corrupt' | 'missing' | 'unknown';

/** A failed read: a code for the learner's message, the original text kept as detail. */
export class LakeReadError extends Error {
  readonly code: LakeReadErrorCode;
  readonly detail: string;
  readonly status: number | undefined;
  constructor(code: LakeReadErrorCode, detail: string, status?: number) {
    super(detail);
    this.name = 'LakeReadError';
    this.code = code;
    this.detail = detail;
    this.status = status;
  }
}

/** Turns anything thrown while reading into a LakeReadError with the given code (kept when it already is one). */
export function asLakeReadError(e: unknown, code: LakeReadErrorCode): LakeReadError {
  if (e instanceof LakeReadError) return e;
  // Some engines throw with an empty message (Node's zlib TypeError): keep whatever names it.
  const detail = e instanceof Error ? e.message || (e as { code?: string }).code || e.name : String(e);
  return new LakeReadError(code, detail);
}

/** Whether bytes start with the gzip magic number (RFC 1952: 1f 8b, method 08 = deflate). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/**
 * A file's content: gunzipped when its bytes are gzip, as it is otherwise. A damaged or cut-off
 * gzip file fails with a LakeReadError('corrupt') that names the file and what went wrong.
 */
export function unpackLakeFile(path: string, bytes: Uint8Array): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const detail =
      why === 'unexpected EOF'
        ? `${path}: the gzip file ends too early (truncated after ${bytes.length} bytes); it was probably cut off while being copied`
        : `${path}: the gzip file is damaged (${why})`;
    throw new LakeReadError('corrupt', detail);
  }
}

/** A glob as a regular expression: `*` and `?` stay within one folder, a double star followed by a slash spans folders. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` spans folders (zero or more); a lone `**` anything.
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** True when the path has glob characters (`*`, `?`). */
export function isGlob(path: string): boolean {
  return /[*?]/.test(path);
}

/** Compares names by code unit, as `ls` with LC_ALL=C does, so the order never depends on a locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Paths of the lake that the (already rendered) pattern names, in name order. A plain path must exist. */
export async function matchLake(reader: LakeReader, pattern: string): Promise<string[]> {
  const clean = pattern.replace(/^\.?\/+/, '');
  const files = await reader.list();
  if (!isGlob(clean)) {
    if (!files.includes(clean)) throw new LakeReadError('missing', `${clean}: no such file in the lake`);
    return [clean];
  }
  const re = globToRegExp(clean);
  return files.filter((f) => re.test(f)).sort(byName);
}
