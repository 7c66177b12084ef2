import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LakeReadError, isGzip, readHead } from '../../../renderer/features/sandbox/lake-read.ts';

const JSONL = '{"event":"view","user":1}\n{"event":"cart","user":2}\n{"event":"buy","user":3}\n';

/** A response whose body arrives in small chunks, as a network delivers it. */
function chunked(bytes: Uint8Array, size = 2, init?: ResponseInit): Response {
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
  return new Response(body, init);
}

describe('isGzip', () => {
  it('knows gzip by its magic bytes, not by anything else', () => {
    expect(isGzip(gzipSync(Buffer.from(JSONL)))).toBe(true);
    expect(isGzip(new TextEncoder().encode(JSONL))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([]))).toBe(false);
  });
});

describe('readHead', () => {
  it('unpacks a .gz file served as stored', async () => {
    const head = await readHead(chunked(gzipSync(Buffer.from(JSONL))));
    expect(head).toEqual({ lines: JSONL.trim().split('\n'), complete: true });
  });

  it('reads a .gz file the browser has already unpacked (Content-Encoding: gzip) as text', async () => {
    // What fetch hands over after the browser decoded the transfer: the plain JSON lines.
    const head = await readHead(chunked(new TextEncoder().encode(JSONL), 1));
    expect(head.lines).toEqual(JSONL.trim().split('\n'));
    expect(head.complete).toBe(true);
  });

  it('reads a plain CSV with its byte-order mark kept and Korean split across chunks intact', async () => {
    const csv = '\uFEFFid,name\n1,김민수\n2,이서연\n';
    const head = await readHead(chunked(new TextEncoder().encode(csv), 3));
    expect(head.lines).toEqual(['\uFEFFid,name', '1,김민수', '2,이서연']);
  });

  it('stops at the line limit and says the view is partial', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const head = await readHead(chunked(gzipSync(Buffer.from(many)), 64), { maxLines: 200, maxBytes: 1 << 20 });
    expect(head.lines).toHaveLength(200);
    expect(head.lines[199]).toBe('line 199');
    expect(head.complete).toBe(false);
  });

  it('an empty file is complete with no lines; a one-byte file is read as text', async () => {
    expect(await readHead(new Response(new Uint8Array([])))).toEqual({ lines: [], complete: true });
    expect(await readHead(new Response('x'))).toEqual({ lines: ['x'], complete: true });
  });

  it('a damaged gzip file fails with the code "corrupt" and keeps the original message', async () => {
    const bytes = gzipSync(Buffer.from(JSONL.repeat(50)));
    bytes.fill(0xff, 12, 40);
    const err = await readHead(chunked(bytes, 16)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeReadError);
    expect((err as LakeReadError).code).toBe('corrupt');
    expect((err as LakeReadError).detail).not.toBe('');
  });

  it('an HTTP error fails with the code "http" and the status', async () => {
    const err = await readHead(new Response('missing', { status: 404, statusText: 'Not Found' })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'http', status: 404, detail: 'HTTP 404 Not Found' });
  });
});
