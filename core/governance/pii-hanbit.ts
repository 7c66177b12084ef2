import {
  ACCESS_LOG_FIELDS,
  CLICK_FIELDS,
  CRM_FIELDS,
  EVENT_FIELDS,
  EXPERIMENT_TABLES,
  PRODUCTION_TABLES,
  SEARCH_FIELDS,
  SPEND_FIELDS_2024,
  SPEND_FIELDS_2025,
  WAREHOUSE_TABLES,
} from '../../datasets/hanbit/dictionary.ts';
import { catalogueEntries, type CatalogueSource } from './pii.ts';
import type { CatalogueEntry } from './types.ts';

/*
 * Hanbit's catalogue straight from the data dictionary, for where catalog.json is not at hand (the
 * pii step's grader, the lesson checker): the same entries, keys and reasons catalogueEntries gives
 * from the built catalog (a test holds the two equal). Lake files are named by their patterns.
 */

const SOURCE: CatalogueSource = {
  databases: [
    { id: 'hanbit-prod', layer: 'production', tables: PRODUCTION_TABLES },
    { id: 'hanbit-warehouse', layer: 'warehouse', tables: WAREHOUSE_TABLES },
    { id: 'hanbit-experiments', layer: 'experiments', tables: EXPERIMENT_TABLES },
  ],
  lake: [
    { path: 'lake/hanbit/events', owner: 'data-platform', fields: EVENT_FIELDS, files: [{ name: '2024-07.jsonl.gz' }] },
    {
      path: 'lake/hanbit/search',
      owner: 'search',
      fields: SEARCH_FIELDS,
      files: [{ name: 'clicks-2024-07.jsonl.gz', fields: CLICK_FIELDS }, { name: 'searches-2024-07.jsonl.gz' }],
    },
    {
      path: 'lake/hanbit/exports',
      owner: 'marketing',
      fields: SPEND_FIELDS_2025,
      files: [
        { name: 'crm_customers_2025-12-31.csv', fields: CRM_FIELDS },
        { name: 'marketing_spend_2024-07.csv', fields: SPEND_FIELDS_2024 },
        { name: 'marketing_spend_2025-01.csv' },
      ],
    },
    { path: 'lake/hanbit/access-logs', owner: 'infra', fields: ACCESS_LOG_FIELDS, files: [{ name: 'access-2025-12-10.log.gz' }] },
  ],
};

/** Hanbit's databases and lake as the dictionary describes them (maskColumnsFor reads its databases). */
export function hanbitCatalogueSource(): CatalogueSource {
  return SOURCE;
}

let cached: CatalogueEntry[] | null = null;

/** Every catalogued column of Hanbit's small datasets and lake, from the dictionary. */
export function hanbitCatalogue(): CatalogueEntry[] {
  cached ??= catalogueEntries(SOURCE);
  return cached;
}
