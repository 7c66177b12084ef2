/*
 * The simulated days of a dataset: the manifest's period (hanbit-manifest.json next to the
 * databases). The history runs over these days, and "now" for freshness is the end of the last.
 */

/** A dataset's first and last simulated day. */
export interface DatasetPeriod {
  from: string;
  to: string;
}

/** The manifest file a datasets folder holds the period in. */
export const MANIFEST_FILE = 'hanbit-manifest.json';

/** The period of a parsed manifest, or null when it has none. */
export function periodOfManifest(manifest: unknown): DatasetPeriod | null {
  const period = (manifest as { period?: { start?: unknown; end?: unknown } } | null)?.period;
  const from = period?.start;
  const to = period?.end;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return typeof from === 'string' && typeof to === 'string' && day.test(from) && day.test(to) && from <= to ? { from, to } : null;
}

/** The period from the served datasets folder (in a worker); null when the manifest cannot be read. */
export async function fetchDatasetPeriod(datasetsUrl: string): Promise<DatasetPeriod | null> {
  const base = datasetsUrl.endsWith('/') ? datasetsUrl : `${datasetsUrl}/`;
  try {
    const res = await fetch(`${base}${MANIFEST_FILE}`);
    return res.ok ? periodOfManifest(await res.json()) : null;
  } catch {
    return null;
  }
}
