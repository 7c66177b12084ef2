import { ProgressReportV1, REPORT_KIND, REPORT_VERSION, type ProgressReport } from './schema.ts';

/** The largest report file read; a whole course's report is far smaller (about 100 KB). */
export const MAX_REPORT_BYTES = 5 * 1024 * 1024;

/** Why a report file is not used; the UI words each one in the instructor's language. */
export type ReportProblem = 'too-large' | 'not-json' | 'not-report' | 'newer-version' | 'invalid' | 'duplicate-name';

/** A report file read: the report, or the problem with a detail (a schema path, the newer format number, the other file). */
export type ReportRead = { ok: true; report: ProgressReport } | { ok: false; problem: ReportProblem; detail: string };

/** Refuses a file by its size alone, before it is read. */
export function checkReportSize(bytes: number): ReportRead | null {
  return bytes > MAX_REPORT_BYTES ? { ok: false, problem: 'too-large', detail: String(bytes) } : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and validates a report file's text; never throws. A UTF-8 byte-order mark is accepted. */
export function readReport(text: string): ReportRead {
  const tooLarge = checkReportSize(text.length);
  if (tooLarge) return tooLarge;
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, problem: 'not-json', detail: (e as Error).message };
  }
  if (!isObject(raw) || raw.kind !== REPORT_KIND) return { ok: false, problem: 'not-report', detail: '' };
  if (typeof raw.version === 'number' && raw.version > REPORT_VERSION) {
    return { ok: false, problem: 'newer-version', detail: String(raw.version) };
  }
  const parsed = ProgressReportV1.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, problem: 'invalid', detail: `${where}${issue?.message ?? ''}` };
  }
  return { ok: true, report: parsed.data };
}
