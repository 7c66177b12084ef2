import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRow } from '../../core/sql/csv.ts';
import { WorkerConnection } from '../../core/worker/connection.ts';
import { progressFraction, type Progress, type RequestOf, type WorkerEndpoint, type WorkerPort } from '../../core/worker/envelope.ts';
import { serveWorker, type RequestHandler } from '../../core/worker/serve.ts';

/**
 * The shared worker envelope without threads: the connection and serveWorker talk through an
 * in-memory channel that copies every message (as postMessage does), so ordering, progress,
 * streaming and cancel-by-id are checked on the real code paths.
 */

type TestProtocol = {
  /** Streams bytes in; answers their sum, reporting bytes done after each chunk. */
  sum: { request: { totalBytes: number }; result: number };
  /** Answers its label after a while (a long operation the test can queue others behind). */
  wait: { request: { ms: number; label: string }; result: string };
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A worker served in-process; `seen` lists the requests it received, `terminated` whether it was stopped. */
function fakeWorker(): { port: WorkerPort; seen: RequestOf<TestProtocol>[]; terminated: () => boolean } {
  let listener: ((data: unknown) => void) | null = null;
  let stopped = false;
  const seen: RequestOf<TestProtocol>[] = [];
  const port: WorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const copy = structuredClone(message);
      setTimeout(() => !stopped && listener?.(copy));
    },
    terminate() {
      stopped = true;
    },
  };
  const endpoint: WorkerEndpoint = {
    listen(l) {
      listener = l;
    },
    post(message) {
      const copy = structuredClone(message);
      setTimeout(() => !stopped && port.onmessage?.({ data: copy }));
    },
  };
  const handler: RequestHandler<TestProtocol> = async (request, ctx) => {
    seen.push(request);
    if (request.action === 'wait') {
      await sleep(request.ms);
      return { response: { id: request.id, ok: true, value: request.label }, transfer: [] };
    }
    let sum = 0;
    let done = 0;
    for await (const chunk of ctx.chunks()) {
      for (const b of chunk) sum += b;
      done += chunk.byteLength;
      ctx.progress({ done, total: request.totalBytes });
    }
    return { response: { id: request.id, ok: true, value: sum }, transfer: [] };
  };
  serveWorker<TestProtocol>(endpoint, handler);
  return { port, seen, terminated: () => stopped };
}

describe('the worker envelope', () => {
  it('streams chunks and reports progress in order, ending at 100%', async () => {
    const { port } = fakeWorker();
    const conn = new WorkerConnection<TestProtocol>(port);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 7);
    const pieces = [bytes.subarray(0, 100), bytes.subarray(100, 350), bytes.subarray(350, 351), bytes.subarray(351)];
    const progress: Progress[] = [];
    const sum = await conn.request(
      { action: 'sum', totalBytes: bytes.byteLength },
      { stream: pieces, onProgress: (p) => progress.push({ ...p }) },
    );
    expect(sum).toBe(bytes.reduce((a, b) => a + b, 0));
    expect(progress.map((p) => p.done)).toEqual([100, 350, 351, 1000]);
    expect(progressFraction(progress.at(-1) as Progress)).toBe(1);
    // The caller's array was copied into the transferred chunks, not detached.
    expect(bytes.byteLength).toBe(1000);
  });

  it('drops a queued operation cancelled by id and leaves the running one alone', async () => {
    const { port, seen, terminated } = fakeWorker();
    const conn = new WorkerConnection<TestProtocol>(port);
    const running = conn.start({ action: 'wait', ms: 80, label: 'first' });
    const queued = conn.start({ action: 'wait', ms: 0, label: 'second' });
    const after = conn.start({ action: 'wait', ms: 0, label: 'third' });
    await sleep(20);
    expect(conn.cancel(queued.id, new Error('cancelled'))).toBe('removed');
    await expect(queued.result).rejects.toThrow('cancelled');
    expect(await running.result).toBe('first');
    expect(await after.result).toBe('third');
    expect(seen.map((r) => r.action === 'wait' && r.label)).toEqual(['first', 'third']);
    expect(terminated()).toBe(false);
    // The running one is the owner's to stop (by terminating the worker): cancel only says so.
    const long = conn.start({ action: 'wait', ms: 50, label: 'long' });
    await sleep(10);
    expect(conn.cancel(long.id, new Error('x'))).toBe('running');
    expect(await long.result).toBe('long');
  });

  it('replacing a stuck worker fails only the running operation; the queue carries on in the new one', async () => {
    const first = fakeWorker();
    const conn = new WorkerConnection<TestProtocol>(first.port);
    const stuck = conn.start({ action: 'wait', ms: 10_000, label: 'stuck' });
    const next = conn.start({ action: 'wait', ms: 0, label: 'next' });
    await sleep(20);
    const second = fakeWorker();
    conn.replaceWorker(second.port, new Error('too slow'));
    await expect(stuck.result).rejects.toThrow('too slow');
    expect(await next.result).toBe('next');
    expect(first.terminated()).toBe(true);
    expect(second.seen.map((r) => r.action === 'wait' && r.label)).toEqual(['next']);
  });
});

describe('CsvParser', () => {
  const TEXT = '\uFEFFid,name,note\r\n1,Kim,"two\r\nlines"\r\n\r\n2,"",\n3,"say ""hi""",x"y\r4,last,"end"';

  function parse(pieces: string[]): { rows: CsvRow[]; unclosedQuoteLine: number | null } {
    const parser = new CsvParser();
    const rows = pieces.flatMap((p) => parser.push(p));
    const end = parser.finish();
    return { rows: [...rows, ...end.rows], unclosedQuoteLine: end.unclosedQuoteLine };
  }

  it('reads quoted line breaks, doubled quotes, a BOM, CRLF/LF/CR and blank lines, with the line each record starts on', () => {
    const { rows, unclosedQuoteLine } = parse([TEXT]);
    expect(unclosedQuoteLine).toBeNull();
    expect(rows).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['1', 'Kim', 'two\r\nlines'] },
      { line: 5, fields: ['2', '', null] },
      { line: 6, fields: ['3', 'say "hi"', 'x"y'] },
      { line: 7, fields: ['4', 'last', 'end'] },
    ]);
  });

  it('gives the same records however the text is cut (every CRLF and quote split across pieces)', () => {
    const whole = parse([TEXT]);
    expect(parse([...TEXT])).toEqual(whole);
    for (let cut = 1; cut < TEXT.length; cut++) expect(parse([TEXT.slice(0, cut), TEXT.slice(cut)])).toEqual(whole);
  });

  it('names the line of a quoted field that never closes', () => {
    expect(parse(['a,b\n1,2\n3,"never\nclosed\n'])).toEqual({
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
      unclosedQuoteLine: 3,
    });
  });
});
