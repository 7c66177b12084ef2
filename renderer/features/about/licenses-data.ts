/**
 * The licence list the build writes (scripts/licenses.ts → licenses.json beside index.html),
 * fetched when the About dialog opens. Never imported: the file is generated and git-ignored, and
 * CI type-checks a fresh clone before any build. Its shape is checked here instead.
 */
import { z } from 'zod';

const EntrySchema = z.object({
  name: z.string(),
  version: z.string(),
  license: z.string(),
  kind: z.enum(['package', 'font', 'data']),
  direct: z.boolean(),
  licenseText: z.number().int().nullable(),
  noticeText: z.number().int().nullable(),
  unknown: z.boolean(),
  homepage: z.string().optional(),
});

/** The generated file's shape (LicenseReport in scripts/licenses.ts). */
export const LicenseReportSchema = z.object({
  app: z.object({ name: z.string(), productName: z.string(), version: z.string() }),
  entries: z.array(EntrySchema),
  texts: z.array(z.string()),
  unknown: z.array(z.string()),
});

/** One component in the list. */
export type LicenseEntry = z.infer<typeof EntrySchema>;
/** The whole list. */
export type LicenseReport = z.infer<typeof LicenseReportSchema>;

/** Fetches and checks the licence list; null when the build has none (a dev server before `npm run licenses`). */
export async function loadLicenses(base: string = document.baseURI): Promise<LicenseReport | null> {
  const response = await fetch(new URL('licenses.json', base));
  if (!response.ok) return null;
  const parsed = LicenseReportSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/** The entries whose name, version or licence contain the query (case-insensitive; all for an empty query). */
export function filterLicenses(entries: readonly LicenseEntry[], query: string): LicenseEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...entries];
  return entries.filter((e) => `${e.name} ${e.version} ${e.license}`.toLowerCase().includes(q));
}
