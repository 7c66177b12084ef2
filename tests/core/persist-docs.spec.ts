import { describe, expect, it } from 'vitest';
import { defaultDoc, DOC_KEYS, restoreDoc, restoreDocText } from '../../core/persist/docs.ts';

describe('restoreDoc', () => {
  it('fills every default from a bare versioned object', () => {
    const restored = restoreDoc('settings', { version: 1 });
    expect(restored).toEqual({ ok: true, value: defaultDoc('settings') });
    if (restored.ok) expect(restored.value).toMatchObject({ language: 'system', theme: 'system', editorFontSize: 14, rowLimit: 1000 });
  });

  it('keeps the values it was given', () => {
    const restored = restoreDoc('settings', { version: 1, theme: 'dark', editorFontSize: 18 });
    expect(restored.ok && restored.value.theme).toBe('dark');
    expect(restored.ok && restored.value.editorFontSize).toBe(18);
  });

  it('gives a usable default for every document', () => {
    for (const key of DOC_KEYS) expect(restoreDoc(key, defaultDoc(key)).ok).toBe(true);
  });

  it.each([null, 42, 'settings', [{ version: 1 }]])('refuses a non-object (%j)', (raw) => {
    expect(restoreDoc('settings', raw)).toEqual({ ok: false, reason: 'not a JSON object' });
  });

  it.each([{}, { version: '1' }, { version: 0 }, { version: 1.5 }])('refuses a missing or invalid version (%j)', (raw) => {
    expect(restoreDoc('progress', raw)).toEqual({ ok: false, reason: 'missing or invalid "version"' });
  });

  it('refuses a document from a newer version of the app and says so', () => {
    const restored = restoreDoc('queries', { version: 2 });
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.reason).toMatch(/newer version.*format 2.*up to 1/);
  });

  it('names the path of an invalid field', () => {
    const restored = restoreDoc('settings', { version: 1, editorFontSize: 99 });
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.reason).toMatch(/^invalid content at editorFontSize: /);

    const nested = restoreDoc('progress', { version: 1, steps: { 'lesson-1/step-2': { status: 'finished', updatedAt: 'x' } } });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.reason).toContain('at steps.lesson-1/step-2.status');
  });
});

describe('restoreDocText', () => {
  it('refuses broken JSON with a reason instead of throwing', () => {
    const restored = restoreDocText('settings', '{"version": 1,');
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.reason).toMatch(/^not valid JSON \(/);
  });

  it('restores valid JSON text', () => {
    expect(restoreDocText('settings', '{"version":1,"theme":"light"}')).toMatchObject({ ok: true, value: { theme: 'light' } });
  });
});
