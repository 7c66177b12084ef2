import { describe, expect, it } from 'vitest';
import { en, ko } from '../../../renderer/features/pipeline/messages.ts';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('the pipeline workbench strings', () => {
  const e = leaves(en);
  const k = leaves(ko);
  it('have the same keys and placeholders in Korean and English, and the Korean is Korean', () => {
    expect([...k.keys()].sort()).toEqual([...e.keys()].sort());
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    for (const [key, text] of e) {
      expect(vars(k.get(key)!), key).toEqual(vars(text));
      // Acronyms (SQL, CSV) read the same in both languages; any wording must be Korean.
      if (/[a-z]{3,}/.test(text.replace(/\{\{[^}]*\}\}/g, ''))) expect(k.get(key), key).toMatch(/[가-힣]/);
    }
  });
  it('never show the literal {{ ds }} through interpolation (it would be emptied): they use {{dsTag}}', () => {
    for (const [key, text] of [...e, ...k]) expect(text, key).not.toMatch(/\{\{ ds \}\}/);
  });
});
