/**
 * Reading the start of a raw lake file, whatever way it was served. A `.gz` file may arrive as
 * stored (the Electron app:// protocol) or already unpacked by the browser (a web server that
 * sends `Content-Encoding: gzip`, as `vite preview` does), so the first bytes decide, not the name.
 */

/** What the raw view shows: the first lines, and whether they are the whole file. */
export interface LakeHead {
  lines: string[];
  complete: boolean;
}

// The error type and gzip check are shared with the pipeline's lake reader (core/pipeline/lake.ts).
import { asLakeReadError, isGzip, LakeReadError } from '../../../core/pipeline/lake.ts';
export { LakeReadError, isGzip, type LakeReadErrorCode } from '../../../core/pipeline/lake.ts';

/** Limits of the preview: lake files can be large, the learner needs a look. */
export interface HeadLimits {
  maxLines: number;
  maxBytes: number;
}

/** The preview's default limits, counted on the unpacked text. */
export const HEAD_LIMITS: HeadLimits = { maxLines: 200, maxBytes: 256 * 1024 };

/** Reads chunks until at least `n` bytes are in hand (or the stream ends). */
async function peek(reader: ReadableStreamDefaultReader<Uint8Array>, n: number): Promise<{ chunks: Uint8Array[]; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let have = 0;
  while (have < n) {
    const { value, done } = await reader.read();
    if (value) {
      chunks.push(value);
      have += value.length;
    }
    if (done) return { chunks, done: true };
  }
  return { chunks, done: false };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The peeked chunks again, then the rest of the reader: one stream as if nothing was read. */
function replay(chunks: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, done: boolean): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i < chunks.length) {
        controller.enqueue(chunks[i++]!);
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const next = await reader.read();
      if (next.value) controller.enqueue(next.value);
      if (next.done) controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Reads the first lines of a response body as UTF-8 text, unpacking gzip when the bytes are
 * gzip. A byte-order mark is kept in the text, so the raw view can show it.
 */
export async function readHead(res: Response, limits: HeadLimits = HEAD_LIMITS): Promise<LakeHead> {
  if (!res.ok) throw new LakeReadError('http', `HTTP ${res.status} ${res.statusText}`.trim(), res.status);
  if (!res.body) return { lines: [], complete: true };
  const raw = res.body.getReader();
  let first: { chunks: Uint8Array[]; done: boolean };
  try {
    first = await peek(raw, 3);
  } catch (e) {
    throw asLakeReadError(e, 'network');
  }
  const gzip = isGzip(concat(first.chunks).subarray(0, 3));
  const source = replay(first.chunks, raw, first.done);
  // DOM typings give DecompressionStream a BufferSource input; our chunks are Uint8Array.
  const body = gzip ? source.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>) : source;
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let bytes = 0;
  let done = false;
  try {
    while (!done && bytes < limits.maxBytes && text.split('\n').length <= limits.maxLines) {
      const chunk = await reader.read();
      done = chunk.done;
      if (chunk.value) {
        bytes += chunk.value.length;
        text += decoder.decode(chunk.value, { stream: true });
      }
    }
  } catch (e) {
    // A gzip stream that fails to unpack is a damaged file; a plain one that fails is the network.
    throw asLakeReadError(e, gzip ? 'corrupt' : 'network');
  }
  if (!done) await reader.cancel().catch(() => undefined);
  else text += decoder.decode();
  const lines = text.split('\n');
  if (done && lines.at(-1) === '') lines.pop();
  return { lines: lines.slice(0, limits.maxLines), complete: done && lines.length <= limits.maxLines };
}

/** Fetches a lake file and reads its first lines (network failures become a 'network' error). */
export async function fetchLakeHead(url: string, limits: HeadLimits = HEAD_LIMITS): Promise<LakeHead> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw asLakeReadError(e, 'network');
  }
  return readHead(res, limits);
}
