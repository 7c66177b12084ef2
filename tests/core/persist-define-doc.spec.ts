import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS } from '../../core/contract.ts';
import { defineDoc } from '../../core/persist/define-doc.ts';
import { DOC_KEYS, DOCS, progressDoc, queriesDoc, restoreDoc, settingsDoc } from '../../core/persist/docs.ts';
import { notesDoc } from './persist-notes-doc.ts';

const step = (status: string, updatedAt = '2025-01-01T00:00:00Z') => ({ status, attempts: 1, updatedAt });

describe('the list of documents', () => {
  it('is where the key list comes from, and the IPC contract accepts exactly those keys', () => {
    expect(DOC_KEYS).toEqual(DOCS.map((doc) => doc.key));
    expect(DOC_KEYS).toEqual(['settings', 'progress', 'queries', 'models', 'pipelines', 'metrics', 'dashboards', 'governance']);
    for (const key of DOC_KEYS) expect(CHANNELS['store:load'].safeParse([key]).success).toBe(true);
    expect(CHANNELS['store:load'].safeParse(['notes']).success).toBe(false);
  });
});

describe('salvage: a damaged entry is dropped, not the file', () => {
  it('keeps the good steps of a progress file and counts the damaged one', () => {
    const raw = {
      version: 1,
      lastLocation: 'l1/s2',
      steps: { 'l1/s1': step('done'), 'l1/s2': step('finished'), 'l1/s3': step('in-progress') },
    };
    // The whole-file restore (used for saves, backups and imports) still refuses it.
    expect(progressDoc.restore(raw)).toMatchObject({ ok: false, reason: expect.stringContaining('steps.l1/s2.status') });
    const salvaged = progressDoc.salvage(raw);
    expect(salvaged).toMatchObject({ ok: true, dropped: [{ field: 'steps', count: 1 }] });
    if (salvaged.ok) {
      expect(Object.keys(salvaged.value.steps)).toEqual(['l1/s1', 'l1/s3']);
      expect(salvaged.value.lastLocation).toBe('l1/s2');
      expect(salvaged.value.steps['l1/s1']).toMatchObject({ status: 'done', hintsUsed: 0 });
    }
  });

  it('drops damaged history entries, saved queries and drafts one by one', () => {
    const good = { id: 'h1', database: 'demo', sql: 'select 1', ranAt: '2025-01-01', elapsedMs: 3, rowCount: 1, error: null };
    const raw = {
      version: 1,
      history: [good, { ...good, id: 'h2', elapsedMs: -1 }, 'select 2'],
      saved: [{ id: 's1', database: 'demo', name: '', sql: 'select 3', savedAt: 'x' }],
      drafts: { demo: 'select 4', shop: 42 },
    };
    const salvaged = queriesDoc.salvage(raw);
    expect(salvaged).toMatchObject({
      ok: true,
      dropped: [
        { field: 'history', count: 2 },
        { field: 'saved', count: 1 },
        { field: 'drafts', count: 1 },
      ],
    });
    if (salvaged.ok) expect(salvaged.value).toMatchObject({ history: [good], saved: [], drafts: { demo: 'select 4' } });
  });

  it('says nothing was dropped when the file is whole', () => {
    expect(progressDoc.salvage({ version: 1, steps: { a: step('done') } })).toMatchObject({ ok: true, dropped: [] });
  });

  it('still refuses a file whose damage is outside the entries, or a document without entries', () => {
    expect(progressDoc.salvage({ version: 1, lastLocation: 7, steps: { a: step('won') } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid content at /),
    });
    expect(progressDoc.salvage({ version: 1, steps: 'all of them' })).toMatchObject({ ok: false });
    expect(settingsDoc.salvage({ version: 1, editorFontSize: 99 })).toMatchObject({ ok: false, reason: expect.stringContaining('editorFontSize') });
    expect(progressDoc.salvage({ version: 4, steps: {} })).toMatchObject({ ok: false, newerFormat: 4 });
  });
});

describe('migrations', () => {
  it('runs a document’s migration from an older version and says which version it came from', () => {
    const restored = notesDoc.restore({ version: 1, lines: ['revenue is net of refunds', 'ask data team'] });
    expect(restored).toEqual({
      ok: true,
      migratedFrom: 1,
      value: {
        version: 2,
        pinned: null,
        notes: [
          { id: 'n1', text: 'revenue is net of refunds' },
          { id: 'n2', text: 'ask data team' },
        ],
      },
    });
    expect(notesDoc.restore({ version: 2, notes: [{ id: 'a', text: 'x' }] })).not.toHaveProperty('migratedFrom');
  });

  it('runs each step of a ladder in order, and refuses a gap in it', () => {
    const seen: number[] = [];
    const ladder = defineDoc({
      key: 'ladder',
      version: 3,
      schema: z.object({ version: z.literal(3), trail: z.string() }),
      migrations: {
        1: (old) => (seen.push(1), { trail: `${String(old.trail)}>2` }),
        2: (old) => (seen.push(2), { trail: `${String(old.trail)}>3` }),
      },
    });
    expect(ladder.restore({ version: 1, trail: '1' })).toMatchObject({ ok: true, value: { trail: '1>2>3' }, migratedFrom: 1 });
    expect(seen).toEqual([1, 2]);
    const gap = defineDoc({ key: 'gap', version: 2, schema: z.object({ version: z.literal(2) }) });
    expect(gap.restore({ version: 1 })).toEqual({ ok: false, reason: 'no migration from format 1' });
  });

  it('migrates before dropping entries, so an old file with one bad line keeps the rest', () => {
    const salvaged = notesDoc.salvage({ version: 1, lines: ['keep me', '', 'me too'] });
    expect(salvaged).toMatchObject({ ok: true, migratedFrom: 1, dropped: [{ field: 'notes', count: 1 }] });
    if (salvaged.ok) expect(salvaged.value.notes.map((n) => n.text)).toEqual(['keep me', 'me too']);
  });
});

describe('restoreDoc by key', () => {
  it('uses the declaration of that key', () => {
    expect(restoreDoc('progress', { version: 1 })).toEqual(progressDoc.restore({ version: 1 }));
    expect(settingsDoc.defaults()).toMatchObject({ version: 1, theme: 'system' });
  });
});
