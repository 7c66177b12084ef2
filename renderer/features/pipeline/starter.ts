import { PipelineSchema, type Pipeline } from '../../../core/pipeline/schema.ts';

const SOURCE_DAY = `replace(replace(trim("Date"), '.', '-'), '/', '-')`;
const SOURCE_COST = `CAST(replace(replace(replace("Cost (KRW)", ',', ''), '원', ''), ' ', '') AS INTEGER)`;

/** The starter's words (titles, comments, records) in each UI language; the SQL is the same. */
const WORDS = {
  en: {
    title: 'Marketing spend',
    clean: ['-- One date format, trimmed lower-case channels, the cost as a number;', '-- one row per (date, channel): the first one in the file.'],
    load: "-- The day's partition: delete it, then insert it, so a re-run never doubles it.",
    de: 'Data engineering',
    marketing: 'Marketing',
    stg: 'The spend CSV export as it arrived, to check the load against',
    cleanPurpose: 'Cleaned spend rows, one per day and channel, before loading',
    spendPurpose: 'Daily spend per channel, for the marketing dashboard',
    check: 'Spend of the day: lake file against the warehouse',
  },
  ko: {
    title: '광고비',
    clean: ['-- 날짜 형식은 하나로, 채널은 공백을 지우고 소문자로, 비용은 숫자로 바꿉니다.', '-- (날짜, 채널)마다 파일에서 처음 나온 행 하나만 남깁니다.'],
    load: '-- 그날의 파티션을 지운 뒤 넣습니다. 다시 실행해도 두 번 들어가지 않습니다.',
    de: '데이터 엔지니어링팀',
    marketing: '마케팅팀',
    stg: '받은 그대로의 광고비 CSV. 적재 결과를 대조하는 데 씁니다',
    cleanPurpose: '적재 전에 정리한 광고비 행. 날짜와 채널마다 하나',
    spendPurpose: '채널별 일일 광고비. 마케팅 대시보드에 씁니다',
    check: '그날의 광고비: 레이크 파일과 웨어하우스 비교',
  },
} as const;

/**
 * The pipeline a new learner meets on the Pipeline screen: not an empty canvas but a small,
 * working extract → clean → load of one month of marketing spend (a CSV export with a BOM,
 * two date formats, channels in mixed case and costs written "50,930 원"), loaded one day's
 * partition at a time into the warehouse's `marketing_spend`, the way the lessons teach.
 * A fresh object each call, its titles, comments and records in the UI language.
 */
export function starterPipeline(lang: 'ko' | 'en' = 'en'): Pipeline {
  const w = WORDS[lang];
  return PipelineSchema.parse({
    formatVersion: 1,
    id: 'marketing_spend',
    title: w.title,
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
          ...w.clean,
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
          w.load,
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
      { table: 'stg_spend', owner: w.de, purpose: w.stg },
      { table: 'clean_spend', owner: w.de, purpose: w.cleanPurpose },
      { table: 'marketing_spend', owner: w.marketing, purpose: w.spendPurpose },
    ],
    schedule: { start: '2025-01-01', end: '2025-01-31', cron: '@daily' },
    reconcile: [
      {
        id: 'spend_of_the_day',
        title: w.check,
        source: { table: 'stg_spend' },
        target: { table: 'marketing_spend', where: "spend_date = '{{ ds }}'" },
        sum: { source: SOURCE_COST, target: 'spend_krw' },
        key: `${SOURCE_DAY} || '|' || lower(trim("Channel"))`,
        partition: { source: SOURCE_DAY, value: '{{ ds }}' },
      },
    ],
  });
}
