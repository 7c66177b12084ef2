import { describe, expect, it } from 'vitest';
import { defaultDoc, DOC_KEYS, restoreDoc, restoreDocText, type Progress } from '../../core/persist/docs.ts';
import {
  MAX_IMPORT_BYTES,
  checkImportSize,
  mergeProgress,
  planProgressImport,
  readProgressImport,
} from '../../core/persist/progress-import.ts';

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

describe('restoreDocText with a byte-order mark', () => {
  it('accepts a UTF-8 BOM, as Windows editors write it', () => {
    expect(restoreDocText('settings', '\uFEFF{"version":1,"theme":"dark"}')).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it('marks a newer format as newer, not damaged', () => {
    expect(restoreDoc('progress', { version: 3, steps: {} })).toMatchObject({ ok: false, newerFormat: 3 });
    expect(restoreDoc('progress', { version: 'x' })).not.toHaveProperty('newerFormat');
  });
});

const step = (updatedAt: string, status: 'in-progress' | 'done' = 'done') => ({
  status,
  attempts: 1,
  hintsUsed: 0,
  solutionRevealed: false,
  timeSpentMs: 1000,
  updatedAt,
});

describe('readProgressImport', () => {
  it('refuses a file with no steps: importing it could only erase', () => {
    expect(readProgressImport('{"version":1}')).toEqual({ ok: false, problem: 'not-progress' });
    expect(readProgressImport('{"version":1,"steps":{}}')).toEqual({ ok: false, problem: 'not-progress' });
  });

  it('refuses a settings file', () => {
    expect(readProgressImport(JSON.stringify(defaultDoc('settings')))).toEqual({ ok: false, problem: 'not-progress' });
  });

  it('says a file from a newer app is newer, not corrupt', () => {
    expect(readProgressImport('{"version":2,"steps":{"a/b":{}}}')).toEqual({ ok: false, problem: 'newer-version', format: 2 });
  });

  it('accepts a UTF-8 BOM', () => {
    const text = `\uFEFF${JSON.stringify({ version: 1, steps: { 'l1/s1': step('2025-01-01T00:00:00Z') } })}`;
    expect(readProgressImport(text)).toMatchObject({ ok: true, progress: { steps: { 'l1/s1': { status: 'done' } } } });
  });

  it('refuses an oversized file by its size, before reading it', () => {
    expect(checkImportSize(MAX_IMPORT_BYTES + 1)).toEqual({
      ok: false,
      problem: 'too-large',
      bytes: MAX_IMPORT_BYTES + 1,
      limit: MAX_IMPORT_BYTES,
    });
    expect(checkImportSize(2000)).toBeNull();
    expect(readProgressImport(' '.repeat(MAX_IMPORT_BYTES + 1))).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('refuses broken JSON and invalid steps with the reason', () => {
    expect(readProgressImport('{"version":1,')).toMatchObject({
      ok: false,
      problem: 'invalid',
      reason: expect.stringMatching(/not valid JSON/),
    });
    expect(readProgressImport('{"version":1,"steps":{"a":{"status":"won"}}}')).toMatchObject({ ok: false, problem: 'invalid' });
  });
});

describe('planProgressImport and mergeProgress', () => {
  const mine: Progress = {
    version: 1,
    lastLocation: 'l1/s2',
    steps: {
      'l1/s1': step('2025-01-01T00:00:00Z'),
      'l1/s2': step('2025-03-01T00:00:00Z', 'in-progress'),
      'l1/s3': step('2025-02-01T00:00:00Z'),
    },
  };
  const file: Progress = {
    version: 1,
    lastLocation: 'l2/s1',
    steps: {
      'l1/s1': step('2025-01-01T00:00:00Z'),
      'l1/s2': step('2025-02-01T00:00:00Z'),
      'l1/s3': step('2025-04-01T00:00:00Z', 'in-progress'),
      'l2/s1': step('2025-05-01T00:00:00Z'),
    },
  };

  it('lists the steps added, newer, older and the same', () => {
    expect(planProgressImport(mine, file)).toEqual({ added: ['l2/s1'], newer: ['l1/s3'], older: ['l1/s2'], same: ['l1/s1'], onlyMine: [] });
    expect(planProgressImport(file, mine).onlyMine).toEqual(['l2/s1']);
  });

  it('merges: takes new and newer steps, keeps the learner’s newer work and place', () => {
    const merged = mergeProgress(mine, file);
    expect(Object.keys(merged.steps).sort()).toEqual(['l1/s1', 'l1/s2', 'l1/s3', 'l2/s1']);
    expect(merged.steps['l1/s2']).toEqual(mine.steps['l1/s2']);
    expect(merged.steps['l1/s3']).toEqual(file.steps['l1/s3']);
    expect(merged.lastLocation).toBe('l1/s2');
    expect(mergeProgress(mine, { version: 1, lastLocation: null, steps: {} })).toEqual(mine);
  });
});
