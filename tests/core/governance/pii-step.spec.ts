import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../core/datasets/catalog.ts';
import { catalogueEntries } from '../../../core/governance/pii.ts';
import { hanbitCatalogue } from '../../../core/governance/pii-hanbit.ts';
import { formatMessage } from '../../../core/grading/messages.ts';
import { piiStep } from '../../../core/lessons/kinds/pii.ts';
import type { PiiStep } from '../../../core/lessons/kinds/governance-schemas.ts';

/**
 * The pii step kind: every listed column's tag against the dictionary's class, each difference named
 * with the reason, untagged ones counted; the lesson's feedback for a known mistake; the catalogue
 * the grader uses is the one the app shows.
 */

const step = piiStep.schema.parse({
  kind: 'pii',
  id: 'tag',
  title: { ko: '분류', en: 'Tag' },
  objectives: ['o'],
  prompt: { ko: '분류하세요.', en: 'Tag them.' },
  hints: [
    { ko: '하나', en: 'One' },
    { ko: '둘', en: 'Two' },
  ],
  columns: ['hanbit-prod.customers.email', 'hanbit-prod.customers.birth_date', 'lake:search/searches-*.jsonl.gz.query'],
  knownWrong: [
    {
      tags: {
        'hanbit-prod.customers.email': 'direct',
        'hanbit-prod.customers.birth_date': 'direct',
        'lake:search/searches-*.jsonl.gz.query': 'sensitive',
      },
      expect: ['pii-tag-differs', 'known-mistake'],
      feedback: { ko: '생년월일은 준식별자입니다.', en: 'A birth date is a quasi-identifier.' },
    },
  ],
}) as PiiStep;

const grade = (tags: Record<string, 'direct' | 'quasi' | 'sensitive' | 'none'>) =>
  piiStep.grade(step, { tags }, {} as Parameters<typeof piiStep.grade>[2]) as Awaited<ReturnType<typeof piiStep.grade>>;

describe('pii step', () => {
  it('passes the reference tags and the solution the checker grades', () => {
    const samples = piiStep.samples(step, {} as Parameters<typeof piiStep.samples>[1]);
    expect(samples.solution.tags).toEqual({
      'hanbit-prod.customers.email': 'direct',
      'hanbit-prod.customers.birth_date': 'quasi',
      'lake:search/searches-*.jsonl.gz.query': 'sensitive',
    });
    expect(grade(samples.solution.tags).pass).toBe(true);
    expect(grade({}).pass).toBe(false);
  });

  it('names each difference with the reason, and the known mistake with the lesson’s words', () => {
    const verdict = grade({
      'hanbit-prod.customers.email': 'direct',
      'hanbit-prod.customers.birth_date': 'direct',
      'lake:search/searches-*.jsonl.gz.query': 'sensitive',
    });
    expect(verdict.pass).toBe(false);
    expect(verdict.messages.map((m) => m.code)).toEqual(['pii-tag-differs', 'known-mistake']);
    const en = formatMessage(verdict.messages[0]!, 'en');
    expect(en).toMatch(
      /^hanbit-prod\.customers\.birth_date: you tagged it a direct identifier, but it is a quasi-identifier\. A birth date alone/,
    );
    expect(formatMessage(verdict.messages[0]!, 'ko')).toMatch(
      /^hanbit-prod\.customers\.birth_date: 직접 식별자로 분류했지만 준식별자입니다\. 생년월일은/,
    );
  });

  it('counts and names the untagged columns', () => {
    const verdict = grade({ 'hanbit-prod.customers.email': 'direct' });
    expect(verdict.messages.map((m) => m.code)).toEqual(['pii-untagged']);
    expect(formatMessage(verdict.messages[0]!, 'en')).toBe(
      '2 columns are not tagged yet: hanbit-prod.customers.birth_date, lake:search/searches-*.jsonl.gz.query.',
    );
    expect(formatMessage(verdict.messages[0]!, 'ko')).toContain('아직 분류하지 않은 열이 2개 있습니다');
  });

  it('refuses a definition naming a column the catalogue lacks', () => {
    const found = piiStep.checkDefinition(
      { ...step, columns: [...step.columns, 'hanbit-prod.customers.nickname'] },
      {} as Parameters<typeof piiStep.checkDefinition>[1],
    );
    expect((found as { problems: string[] }).problems).toEqual(["column 'hanbit-prod.customers.nickname' is not in the catalogue"]);
  });

  it('grades against the same catalogue the app builds from catalog.json', () => {
    const parsed = parseCatalog(JSON.parse(readFileSync('public/datasets/catalog.json', 'utf8')));
    if (!parsed.ok) throw new Error(parsed.reason);
    const fromCatalog = catalogueEntries(parsed.catalog).filter((e) => !e.source.endsWith('-large'));
    expect(hanbitCatalogue()).toEqual(fromCatalog);
  });
});
