import type { XapiCredentialsInput, XapiTestResult } from './types.ts';
import { XAPI_VERSION, type XapiStatement } from './schema.ts';

/** The fetch the client uses: the global one, or a test's. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

/** How long one request may take before it counts as a network problem. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The endpoint as an absolute http(s) URL ending in `/`, or null when it is not one. */
export function normalizeEndpoint(endpoint: string): string | null {
  const text = endpoint.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** `Basic base64(key:secret)`, UTF-8 safe (btoa alone only takes Latin-1). */
export function basicAuth(key: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${key}:${secret}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** What one POST of a batch came to. */
export type PostOutcome =
  | { kind: 'sent' }
  | { kind: 'network'; reason: string }
  | { kind: 'http'; status: number; reason: string };

/** The LRS's reason from a response body: its `message` (or `error`) when JSON, else the text, shortened. */
export function reasonFrom(body: string, status: number): string {
  const text = body.trim();
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      for (const k of ['message', 'error', 'errorMessage']) if (typeof o[k] === 'string' && o[k]) return shorten(o[k]);
    }
  } catch {
    // Not JSON: the text as it came.
  }
  return text ? shorten(text) : `HTTP ${status}`;
}

function shorten(s: string): string {
  return s.length > 500 ? `${s.slice(0, 500)}…` : s;
}

function headers(target: XapiCredentialsInput, json: boolean): Record<string, string> {
  return {
    'X-Experience-API-Version': XAPI_VERSION,
    Authorization: basicAuth(target.key, target.secret),
    ...(json ? { 'Content-Type': 'application/json' } : {}),
  };
}

/** POST <endpoint>statements with the batch as a JSON array. */
export async function postStatements(target: XapiCredentialsInput, batch: readonly XapiStatement[], fetchFn: FetchLike): Promise<PostOutcome> {
  const endpoint = normalizeEndpoint(target.endpoint);
  if (!endpoint) return { kind: 'network', reason: `Not an http(s) URL: ${target.endpoint}` };
  try {
    const response = await fetchFn(`${endpoint}statements`, {
      method: 'POST',
      headers: headers(target, true),
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.ok) return { kind: 'sent' };
    const body = await response.text().catch(() => '');
    return { kind: 'http', status: response.status, reason: reasonFrom(body, response.status) };
  } catch (e) {
    return { kind: 'network', reason: e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e) };
  }
}

/** GET <endpoint>about: whether an xAPI LRS answers there, and which versions it speaks. */
export async function testConnection(target: XapiCredentialsInput | null, fetchFn: FetchLike): Promise<XapiTestResult> {
  const endpoint = target ? normalizeEndpoint(target.endpoint) : null;
  if (!target || !endpoint) return { ok: false, problem: 'not-configured', status: null, reason: '' };
  let status: number;
  let body: string;
  try {
    const response = await fetchFn(`${endpoint}about`, { method: 'GET', headers: headers(target, false), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = response.status;
    body = await response.text();
    if (!response.ok) return { ok: false, problem: 'http', status, reason: reasonFrom(body, status) };
  } catch (e) {
    return { ok: false, problem: 'network', status: null, reason: e instanceof Error ? e.message : String(e) };
  }
  try {
    const about = JSON.parse(body) as { version?: unknown };
    const versions = Array.isArray(about.version) ? about.version.filter((v): v is string => typeof v === 'string') : [];
    if (versions.some((v) => v.startsWith('1.0'))) return { ok: true, versions };
    return { ok: false, problem: 'not-xapi', status, reason: versions.join(', ') || body.slice(0, 200) };
  } catch {
    return { ok: false, problem: 'not-xapi', status, reason: body.slice(0, 200) };
  }
}
