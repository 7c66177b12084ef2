import { z } from 'zod';
import { defineDoc } from '../../core/persist/define-doc.ts';

/*
 * A document the app does not have, declared the way a new workbench would declare its own:
 * the tests round-trip it through core, the Electron file store, the web host and the renderer's
 * persistence to show that a new document is one declaration and no edit elsewhere.
 */

/** One note of the fake document. */
export const Note = z.object({ id: z.string(), text: z.string().min(1) });

/** Version 2 of the fake document; version 1 kept a plain list of lines. */
export const NotesV2 = z.object({
  version: z.literal(2),
  notes: z.array(Note).default([]),
  pinned: z.string().nullable().default(null),
});

/** The fake document's declaration: one migration (1 -> 2) and notes restored one by one. */
export const notesDoc = defineDoc({
  key: 'notes',
  version: 2,
  schema: NotesV2,
  migrations: {
    1: (old) => ({ notes: (Array.isArray(old.lines) ? old.lines : []).map((text: unknown, i) => ({ id: `n${i + 1}`, text })) }),
  },
  entries: { notes: Note },
});
