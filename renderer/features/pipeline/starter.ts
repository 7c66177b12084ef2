import { PipelineSchema, type Pipeline } from '../../../core/pipeline/schema.ts';

const SOURCE_DAY = `replace(replace(trim("Date"), '.', '-'), '/', '-')`;
const SOURCE_COST = `CAST(replace(replace(replace("Cost (KRW)", ',', ''), '원', ''), ' ', '') AS INTEGER)`;

/**
 * The pipeline a new learner meets on the Pipeline screen: not an empty canvas but a small,
 * working extract → clean → load of one month of marketing spend (a CSV export with a BOM,
 * two date formats, channels in mixed case and costs written "50,930 원"), loaded one day's
 * partition at a time into the warehouse's `marketing_spend`, the way the lessons teach.
 * A fresh object each call.
 */
export function starterPipeline(): Pipeline {
  return PipelineSchema.parse({
    formatVersion: 1,
    id: 'marketing_spend',
    title: 'Marketing spend',
    database: 'hanbit-warehouse-empty',
    lake: 'hanbit',
    tasks: [
      {
        id: 'extract_spend',
        kind: 'extract',
        path: 'exports/marketing_spend_2025-01.csv',
        source: { format: 'csv', delimiter: 'auto', encoding: 'auto' },
        target: 'stg_spend',
        mode: 'replace',
      },
      {
        id: 'clean_spend',
        kind: 'sql',
        sql: [
          '-- One date format, trimmed lower-case channels, the cost as a number;',
          '-- one row per (date, channel): the first one in the file.',
          'DROP TABLE IF EXISTS clean_spend;',
          'CREATE TABLE clean_spend AS',
          'SELECT spend_date, channel, campaign, spend_krw',
          'FROM (',
          '  SELECT',
          "    replace(replace(trim(\"Date\"), '.', '-'), '/', '-') AS spend_date,",
          '    lower(trim("Channel")) AS channel,',
          '    trim("Campaign") AS campaign,',
          "    CAST(replace(replace(replace(\"Cost (KRW)\", ',', ''), '원', ''), ' ', '') AS INTEGER) AS spend_krw,",
          '    row_number() OVER (',
          "      PARTITION BY replace(replace(trim(\"Date\"), '.', '-'), '/', '-'), lower(trim(\"Channel\"))",
          '      ORDER BY CAST(_line AS INTEGER)',
          '    ) AS nth',
          '  FROM stg_spend',
          ')',
          'WHERE nth = 1;',
          '',
        ].join('\n'),
      },
      {
        id: 'load_spend',
        kind: 'sql',
        sql: [
          "-- The day's partition: delete it, then insert it, so a re-run never doubles it.",
          "DELETE FROM marketing_spend WHERE spend_date = '{{ ds }}';",
          'INSERT INTO marketing_spend (spend_date, channel, campaign, spend_krw)',
          'SELECT spend_date, channel, campaign, spend_krw',
          'FROM clean_spend',
          "WHERE spend_date = '{{ ds }}';",
          '',
        ].join('\n'),
      },
    ],
    edges: [
      { from: 'extract_spend', to: 'clean_spend' },
      { from: 'clean_spend', to: 'load_spend' },
    ],
    tables: [
      { table: 'stg_spend', owner: 'Data engineering', purpose: 'The spend CSV export as it arrived, to check the load against' },
      { table: 'clean_spend', owner: 'Data engineering', purpose: 'Cleaned spend rows, one per day and channel, before loading' },
      { table: 'marketing_spend', owner: 'Marketing', purpose: 'Daily spend per channel, for the marketing dashboard' },
    ],
    schedule: { start: '2025-01-01', end: '2025-01-31', cron: '@daily' },
    reconcile: [
      {
        id: 'spend_of_the_day',
        title: 'Spend of the day: lake file against the warehouse',
        source: { table: 'stg_spend' },
        target: { table: 'marketing_spend', where: "spend_date = '{{ ds }}'" },
        sum: { source: SOURCE_COST, target: 'spend_krw' },
        key: `${SOURCE_DAY} || '|' || lower(trim("Channel"))`,
        partition: { source: SOURCE_DAY, value: '{{ ds }}' },
      },
    ],
  });
}
