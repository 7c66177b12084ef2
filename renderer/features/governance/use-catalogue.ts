import { useMemo } from 'react';
import type { CatalogueEntry, PiiClass, TagComparison } from '../../../core/governance/types.ts';
import { catalogueEntries, compareTags } from '../../../core/governance/pii.ts';
import { useStore } from '../../state/store.ts';

/** The catalogue as the screen uses it: its entries (empty until the app's catalog is read) and the comparison of tags with the reference. */
export interface CatalogueSource {
  entries: CatalogueEntry[];
  error: string | null;
  compare(tags: Readonly<Record<string, PiiClass>>): TagComparison[];
}

/** The PII catalogue built from the app's bundled catalog (core/governance/pii.ts), once per catalog. */
export function useCatalogue(): CatalogueSource {
  const catalog = useStore((s) => s.catalog);
  const error = useStore((s) => s.catalogError);
  return useMemo(() => {
    const entries = catalog ? catalogueEntries(catalog) : [];
    return { entries, error, compare: (tags) => compareTags(entries, tags) };
  }, [catalog, error]);
}
