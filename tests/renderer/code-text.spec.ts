import { describe, expect, it } from 'vitest';
import { splitCode } from '../../renderer/ui/code-text.ts';

const code = (text: string) => splitCode(text).filter((p) => p.kind !== 'text');

describe('code inside lesson text', () => {
  it('shows a whole statement at the end of a hint as SQL, the prose before it as text', () => {
    expect(splitCode('In SQLite, integer rounding up is (x + 49) / 50: SELECT (max(requests) + 49) / 50 FROM fact_web_requests_hourly;')).toEqual([
      { kind: 'text', text: 'In SQLite, integer rounding up is (x + 49) / 50: ' },
      { kind: 'sql', text: 'SELECT (max(requests) + 49) / 50 FROM fact_web_requests_hourly;' },
    ]);
    expect(splitCode('SELECT hour, requests FROM t ORDER BY requests DESC LIMIT 5;')).toEqual([
      { kind: 'sql', text: 'SELECT hour, requests FROM t ORDER BY requests DESC LIMIT 5;' },
    ]);
  });

  it('finds functions, keyword phrases and names in Korean and English prose', () => {
    expect(code('플랫폼마다 한 행이 필요합니다. GROUP BY platform을 쓰고, 행은 count(*)로 셉니다.')).toEqual([
      { kind: 'code', text: 'GROUP BY platform' },
      { kind: 'code', text: 'count(*)' },
    ]);
    expect(code("The busiest hour's requests are max(requests) in fact_web_requests_hourly; L5 needs refunds.amount.")).toEqual([
      { kind: 'code', text: 'max(requests)' },
      { kind: 'code', text: 'fact_web_requests_hourly' },
      { kind: 'code', text: 'refunds.amount' },
    ]);
    // The list after a keyword stops at English words.
    expect(code('You need one row per platform: GROUP BY platform, and count the rows with count(*).')).toEqual([
      { kind: 'code', text: 'GROUP BY platform' },
      { kind: 'code', text: 'count(*)' },
    ]);
    expect(code('Name the count AS orders, then sort by that name, largest first (DESC), as before.')).toEqual([
      { kind: 'code', text: 'AS orders' },
      { kind: 'code', text: 'DESC' },
    ]);
    expect(code('Use COUNT(DISTINCT customer_id), not count(*).')).toEqual([
      { kind: 'code', text: 'COUNT(DISTINCT customer_id)' },
      { kind: 'code', text: 'count(*)' },
    ]);
  });

  it('keeps backticked code whole and leaves plain prose alone', () => {
    expect(splitCode('Join on `order_id` first.')).toEqual([
      { kind: 'text', text: 'Join on ' },
      { kind: 'code', text: 'order_id' },
      { kind: 'text', text: ' first.' },
    ]);
    for (const prose of [
      'Who uses the result: the service’s users, or decision makers, e.g. executives?',
      'Data pipelines and ETL (extract, transform, load) are part of building the infrastructure.',
      '데이터 파이프라인과 ETL(추출·변환·적재)은 데이터 인프라 구축에 속합니다.',
      'Say where the order is, and what it is like; select the rows from the lake.',
    ])
      expect(splitCode(prose)).toEqual([{ kind: 'text', text: prose }]);
  });
});
