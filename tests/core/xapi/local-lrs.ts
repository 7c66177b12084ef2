import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StatementBatchSchema, XapiStatementSchema } from '../../../core/xapi/schema.ts';

/** A small Learning Record Store for tests: checks auth, version header and every statement's shape. */
export interface LocalLrs {
  endpoint: string;
  /** Every accepted POST's statements, batch by batch. */
  batches: unknown[][];
  /** Every request's status code, in order. */
  statuses: number[];
  /** Stops answering (connections are refused until `start`). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Answers the next n POSTs with this status (e.g. 503). */
  failNext(n: number, status: number): void;
}

/** Starts a local LRS on a free port that accepts `key`/`secret`. */
export async function startLocalLrs(key: string, secret: string, port = 0): Promise<LocalLrs> {
  const expectedAuth = `Basic ${Buffer.from(`${key}:${secret}`, 'utf8').toString('base64')}`;
  const batches: unknown[][] = [];
  const statuses: number[] = [];
  const stored = new Map<string, string>();
  let failures: { n: number; status: number } = { n: 0, status: 0 };
  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    statuses.push(status);
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'GET' && path === '/xapi/about') return reply(res, 200, { version: ['1.0.3'] });
      if (path !== '/xapi/statements' || req.method !== 'POST') return reply(res, 404, { message: 'no such resource' });
      if (req.headers['x-experience-api-version'] !== '1.0.3') return reply(res, 400, { message: 'X-Experience-API-Version header missing' });
      if (req.headers.authorization !== expectedAuth) return reply(res, 401, { message: 'Unauthorized: bad key or secret' });
      if (failures.n > 0) {
        failures.n -= 1;
        return reply(res, failures.status, { message: 'LRS is having a moment' });
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 400, { message: 'Body is not JSON' });
      }
      const parsed = StatementBatchSchema.safeParse(body);
      if (!parsed.success) {
        const bad = Array.isArray(body) ? body.findIndex((s) => !XapiStatementSchema.safeParse(s).success) : -1;
        return reply(res, 400, { message: `Statement ${bad} is invalid: ${parsed.error.issues[0]?.message ?? ''}` });
      }
      // xAPI: the same id with different content is a conflict; the same content is fine.
      for (const s of parsed.data) {
        const prior = stored.get(s.id);
        if (prior !== undefined && prior !== JSON.stringify(s)) return reply(res, 409, { message: `Conflict on ${s.id}` });
      }
      for (const s of parsed.data) stored.set(s.id, JSON.stringify(s));
      batches.push(parsed.data);
      return reply(res, 200, parsed.data.map((s) => s.id));
    });
  });
  const listen = (p: number) => new Promise<void>((resolve) => server.listen(p, '127.0.0.1', () => resolve()));
  await listen(port);
  const boundPort = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${boundPort}/xapi/`,
    batches,
    statuses,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    start: () => listen(boundPort),
    failNext: (n, status) => {
      failures = { n, status };
    },
  };
}

/** A free TCP port on localhost where nothing listens (yet). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
