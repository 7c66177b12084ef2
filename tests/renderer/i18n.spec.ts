import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { ko } from '../../renderer/i18n/ko.ts';
import { resolveLanguage } from '../../renderer/i18n/index.ts';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('UI strings', () => {
  const e = leaves(en);
  const k = leaves(ko);
  it('exist in both languages with the same keys', () => {
    expect([...k.keys()].sort()).toEqual([...e.keys()].sort());
  });
  it('are never empty and use the same placeholders in both languages', () => {
    for (const [key, text] of e) {
      const other = k.get(key)!;
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      expect(vars(other), key).toEqual(vars(text));
    }
  });
  it('Korean strings are actually Korean where the English has words', () => {
    const untranslated = [...e].filter(([key, text]) => /[a-z]{3,}/i.test(text) && k.get(key) === text && !['app.title'].includes(key));
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

describe('resolveLanguage', () => {
  it('follows the system at first start and honours an explicit choice', () => {
    expect(resolveLanguage('system', 'ko-KR')).toBe('ko');
    expect(resolveLanguage('system', 'en-US')).toBe('en');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('ko', 'en-US')).toBe('ko');
  });
});
