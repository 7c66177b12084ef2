import i18nextRoot from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { runProgressText } from '../../../renderer/features/governance/QualityProgress.tsx';
import { en, ko } from '../../../renderer/features/governance/messages.ts';

/** The Quality tab's and the quality step's sentence for a run under way: n of N checks and the check running, in both languages. */

// The governance screen's strings under `governance` as register.ts adds them, without a DOM.
const i18next = i18nextRoot.createInstance();
beforeAll(async () => {
  await i18next.init({ resources: { en: { translation: { governance: en } }, ko: { translation: { governance: ko } } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

describe('quality run progress', () => {
  it('names the check running, its place among all of them and its line', async () => {
    const p = { done: 2, total: 40, current: { stage: 'check', text: 'missing_count(email) = 0', line: 12 } };
    await i18next.changeLanguage('en');
    expect(runProgressText(i18next.t, 'en', p)).toBe('Check 3 of 40: missing_count(email) = 0 (line 12)');
    await i18next.changeLanguage('ko');
    expect(runProgressText(i18next.t, 'ko', p)).toBe('검사 40개 중 3번째: missing_count(email) = 0(12번째 줄)');
  });

  it('says which lake source is being read before any check runs, and "Running…" before the worker says anything', async () => {
    await i18next.changeLanguage('en');
    expect(runProgressText(i18next.t, 'en', { done: 0, total: 40, current: { stage: 'source', text: 'lake:events/*.jsonl.gz', line: 118 } })).toBe(
      'Reading events/*.jsonl.gz from the lake (line 118)…',
    );
    expect(runProgressText(i18next.t, 'en', null)).toBe('Running the checks…');
    expect(runProgressText(i18next.t, 'en', { done: 0, total: 0 })).toBe('Running the checks…');
  });
});
