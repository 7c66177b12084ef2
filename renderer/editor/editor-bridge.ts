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

/** Called by the plain editor while it is on screen (null when it goes). */
export function attachPlainEditor(textarea: HTMLTextAreaElement | null): void {
  plain = textarea;
}

/** Where the plain editor's caret and focus were, so Monaco can take over without a jump. */
export function plainEditorState(): { offset: number; focused: boolean } | null {
  return plain ? { offset: plain.selectionStart, focused: document.activeElement === plain } : null;
}

/** Called by the editor component when Monaco is ready (and with null when it unmounts). */
export function attachEditor(instance: Monaco.editor.IStandaloneCodeEditor | null, api: typeof Monaco | null): void {
  editor = instance;
  monacoApi = api;
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
