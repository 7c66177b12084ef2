/** A byte count for people: 1.2 MB, 640 KB, 12 B. */
export function formatBytes(bytes: number, locale: string): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (bytes >= 1e9) return `${nf(bytes / 1e9, 1)} GB`;
  if (bytes >= 1e6) return `${nf(bytes / 1e6, 1)} MB`;
  if (bytes >= 1e3) return `${nf(bytes / 1e3, 0)} KB`;
  return `${nf(bytes, 0)} B`;
}
