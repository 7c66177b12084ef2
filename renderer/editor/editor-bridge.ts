import type * as Monaco from './monaco-bundle.js';
import { statementAt } from '../../core/editor/statements.ts';
import { lineColumnAt } from '../../core/sql/text-position.ts';

/** The text to run and where it starts in the editor, so error positions map back. */
export interface RunTarget {
  sql: string;
  offset: number;
}

let editor: Monaco.editor.IStandaloneCodeEditor | null = null;
let monacoApi: typeof Monaco | null = null;
let fallbackText = '';
/** The plain text area shown while Monaco loads; runs work from it the same way. */
let plain: HTMLTextAreaElement | null = null;

/** Where the plain editor's caret was, and whether it had focus, when it went. */
interface Handover {
  docKey: string;
  offset: number;
  focused: boolean;
  at: number;
}
let handover: Handover | null = null;
/** A handover is for the editor that replaces the plain one in the same update, never for a later visit. */
const HANDOVER_MS = 1000;

/**
 * Called by the plain editor when it appears. One that replaces another plain editor of the same
 * document (Suspense's stand-in, then the Monaco loader's) carries on with its caret and focus.
 */
export function attachPlainEditor(textarea: HTMLTextAreaElement, docKey: string): void {
  plain = textarea;
  const h = takePlainHandover(docKey);
  if (!h) return;
  textarea.setSelectionRange(h.offset, h.offset);
  if (h.focused) textarea.focus({ preventScroll: true });
}

/**
 * Called by the plain editor on its way out, while it is still in the page (a layout effect):
 * its caret and focus are kept for whatever takes over the same document.
 */
export function detachPlainEditor(textarea: HTMLTextAreaElement, docKey: string): void {
  if (plain !== textarea) return;
  handover = { docKey, offset: textarea.selectionStart, focused: document.activeElement === textarea, at: Date.now() };
  plain = null;
}

/** The caret and focus the plain editor of this document just left behind (once), or null. */
export function takePlainHandover(docKey: string): { offset: number; focused: boolean } | null {
  const h = handover;
  handover = null;
  return h && h.docKey === docKey && Date.now() - h.at < HANDOVER_MS ? { offset: h.offset, focused: h.focused } : null;
}

/** Called by the editor component when Monaco is ready. */
export function attachEditor(instance: Monaco.editor.IStandaloneCodeEditor, api: typeof Monaco): void {
  editor = instance;
  monacoApi = api;
}

/** Called when that editor goes; false (and nothing forgotten) when another has taken its place already. */
export function detachEditor(instance: Monaco.editor.IStandaloneCodeEditor): boolean {
  if (editor !== instance) return false;
  editor = null;
  monacoApi = null;
  return true;
}

/** The whole editor text. */
export function getEditorText(): string {
  return editor?.getModel()?.getValue() ?? plain?.value ?? fallbackText;
}

/** The selection if there is one, else the statement under the cursor. */
export function currentTarget(): RunTarget | null {
  const model = editor?.getModel();
  if (!editor || !model) {
    const text = getEditorText();
    if (plain && plain.selectionEnd > plain.selectionStart) {
      return { sql: text.slice(plain.selectionStart, plain.selectionEnd), offset: plain.selectionStart };
    }
    const span = statementAt(text, plain ? plain.selectionStart : text.length);
    return span ? { sql: span.text, offset: span.start } : null;
  }
  const sel = editor.getSelection();
  if (sel && !sel.isEmpty()) {
    const text = model.getValueInRange(sel);
    if (text.trim()) return { sql: text, offset: model.getOffsetAt(sel.getStartPosition()) };
  }
  const pos = editor.getPosition();
  const text = model.getValue();
  const span = statementAt(text, pos ? model.getOffsetAt(pos) : 0);
  return span ? { sql: span.text, offset: span.start } : null;
}

/** Everything in the editor. */
export function allTarget(): RunTarget | null {
  const text = getEditorText();
  return text.trim() ? { sql: text, offset: 0 } : null;
}

/** Replaces the editor text (keeps undo history). */
export function setEditorText(text: string): void {
  fallbackText = text;
  const model = editor?.getModel();
  if (!editor || !model) {
    if (plain) {
      plain.value = text;
      plain.dispatchEvent(new Event('input'));
      plain.focus();
    }
    return;
  }
  editor.executeEdits('datalit', [{ range: model.getFullModelRange(), text }]);
  editor.pushUndoStop();
  editor.focus();
}

/** Inserts text at the cursor, replacing any selection. */
export function insertAtCursor(text: string): void {
  if (!editor) {
    if (plain) {
      plain.setRangeText(text, plain.selectionStart, plain.selectionEnd, 'end');
      plain.dispatchEvent(new Event('input'));
      plain.focus();
    } else fallbackText += text;
    return;
  }
  const sel = editor.getSelection();
  if (sel) editor.executeEdits('datalit', [{ range: sel, text, forceMoveMarkers: true }]);
  editor.focus();
}

/** Moves keyboard focus to the editor. */
export function focusEditor(): void {
  if (editor) editor.focus();
  else plain?.focus();
}

const MARKER_OWNER = 'datalit-sql';

/** Marks a SQL error in the editor: a squiggle at [offset, offset+length) with the message. */
export function markError(offset: number, length: number, message: string): void {
  const model = editor?.getModel();
  if (!editor || !model || !monacoApi) return;
  const start = model.getPositionAt(offset);
  const end = model.getPositionAt(offset + Math.max(1, length));
  monacoApi.editor.setModelMarkers(model, MARKER_OWNER, [
    {
      severity: monacoApi.MarkerSeverity.Error,
      message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    },
  ]);
}

/** Removes the error marker. */
export function clearErrorMarks(): void {
  const model = editor?.getModel();
  if (model && monacoApi) monacoApi.editor.setModelMarkers(model, MARKER_OWNER, []);
}

/** Puts the cursor on an editor offset and shows it. */
export function revealOffset(offset: number): void {
  const model = editor?.getModel();
  if (!editor || !model) return;
  const pos = model.getPositionAt(offset);
  editor.setPosition(pos);
  editor.revealPositionInCenter(pos);
  editor.focus();
}

/** Line/column of an offset in the editor's current text. */
export function editorLineColumn(offset: number): { line: number; column: number } {
  return lineColumnAt(getEditorText(), offset);
}
