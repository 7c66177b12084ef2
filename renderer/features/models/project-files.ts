import type { ModelProjectFiles } from '../../../core/models/project.ts';

/*
 * Pure helpers over a project's files: the folder tree the file browser shows, which editor
 * language a file gets, and the checks a new or renamed path must pass. Kept free of React so
 * the rules (what a valid model name is, where a kind of file goes) are tested on their own.
 */

/** A folder or file in the file browser. */
export type TreeNode =
  | { kind: 'folder'; name: string; path: string; children: TreeNode[] }
  | { kind: 'file'; name: string; path: string };

/** The kinds of file the learner can add, each with the folder it goes in and its extension. */
export const NEW_FILE_KINDS = {
  staging: { folder: 'models/staging', ext: '.sql' },
  mart: { folder: 'models/marts', ext: '.sql' },
  yaml: { folder: 'models', ext: '.yml' },
  macro: { folder: 'macros', ext: '.sql' },
  test: { folder: 'tests', ext: '.sql' },
  seed: { folder: 'seeds', ext: '.csv' },
} as const;
/** A kind of file the learner can add. */
export type NewFileKind = keyof typeof NEW_FILE_KINDS;

// Folders that come first, in this order; then the rest alphabetically.
const FOLDER_ORDER = ['models', 'staging', 'marts', 'macros', 'tests', 'seeds'];

function rank(name: string): number {
  const i = FOLDER_ORDER.indexOf(name);
  return i < 0 ? FOLDER_ORDER.length : i;
}

function sortTree(nodes: TreeNode[]): TreeNode[] {
  nodes.sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
    if (a.kind === 'folder') return rank(a.name) - rank(b.name) || a.name.localeCompare(b.name);
    return a.name.localeCompare(b.name);
  });
  for (const n of nodes) if (n.kind === 'folder') sortTree(n.children);
  return nodes;
}

/** The folder tree of a project's files: folders first (models, macros, tests, seeds), then files. */
export function fileTree(project: ModelProjectFiles): TreeNode[] {
  const root: TreeNode[] = [];
  for (const path of Object.keys(project.files)) {
    const parts = path.split('/');
    let level = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const folderPath = parts.slice(0, i + 1).join('/');
      let folder = level.find((n): n is Extract<TreeNode, { kind: 'folder' }> => n.kind === 'folder' && n.path === folderPath);
      if (!folder) {
        folder = { kind: 'folder', name: parts[i]!, path: folderPath, children: [] };
        level.push(folder);
      }
      level = folder.children;
    }
    level.push({ kind: 'file', name: parts.at(-1)!, path });
  }
  return sortTree(root);
}

/** The Monaco language of a file by its extension (plain text for CSV and the rest). */
export function languageOf(path: string): 'sql' | 'yaml' | 'plaintext' {
  if (/\.sql$/i.test(path)) return 'sql';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return 'plaintext';
}

/** The model (or seed, or custom test) name a file defines, or null for YAML and other files. */
export function nodeNameOf(path: string): string | null {
  const m = /^(models|seeds|tests|snapshots)\/(?:.*\/)?([^/]+)\.(sql|csv)$/i.exec(path);
  return m ? m[2]! : null;
}

/** Whether a file is a model (a `.sql` under `models/`), the files Build +model and Preview apply to. */
export function isModelPath(path: string): boolean {
  return /^models\/(?:.*\/)?[^/]+\.sql$/i.test(path);
}

/** Why a new path cannot be used, as a message key under `models.files.invalid`, or null when it can. */
export function pathProblem(project: ModelProjectFiles, path: string, renamingFrom?: string): 'empty' | 'chars' | 'exists' | 'extension' | null {
  const name = path.split('/').at(-1) ?? '';
  const stem = name.replace(/\.[^.]+$/, '');
  if (!stem) return 'empty';
  // Model names become table names and ref() arguments: letters, digits and underscores only.
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9]+)?$/.test(name)) return 'chars';
  if (!/\.(sql|ya?ml|csv|md)$/i.test(name)) return 'extension';
  if (path !== renamingFrom && Object.prototype.hasOwnProperty.call(project.files, path)) return 'exists';
  return null;
}

/** The path a new file of a kind and name gets (the extension added when left out). */
export function newFilePath(kind: NewFileKind, name: string): string {
  const { folder, ext } = NEW_FILE_KINDS[kind];
  const trimmed = name.trim();
  const file = /\.[A-Za-z0-9]+$/.test(trimmed) ? trimmed : `${trimmed}${ext}`;
  return `${folder}/${file}`;
}

/** The first text of a new file of a kind, so the learner starts from something that builds. */
export function newFileText(kind: NewFileKind, name: string): string {
  const stem = name.trim().replace(/\.[^.]+$/, '');
  switch (kind) {
    case 'staging':
      return `select *\nfrom {{ source('warehouse', 'fact_orders') }}\n`;
    case 'mart':
      return `select *\nfrom {{ ref('stg_orders') }}\n`;
    case 'yaml':
      return `version: 2\n\nmodels:\n  - name: ${stem}\n    columns: []\n`;
    case 'macro':
      return `{% macro ${stem}(column) -%}\n  {{ column }}\n{%- endmacro %}\n`;
    case 'test':
      return `-- Rows returned here are failures.\nselect *\nfrom {{ ref('stg_orders') }}\nwhere 1 = 0\n`;
    case 'seed':
      return 'id,label\n';
  }
}

/** The files with one file renamed (its text kept, the other files untouched). */
export function renameFile(project: ModelProjectFiles, from: string, to: string): ModelProjectFiles {
  const files: Record<string, string> = {};
  // Keep the order of the other files: the tree sorts, but exports follow insertion order.
  for (const [path, text] of Object.entries(project.files)) files[path === from ? to : path] = text;
  return { files };
}

/** The files without one file. */
export function deleteFile(project: ModelProjectFiles, path: string): ModelProjectFiles {
  const files = { ...project.files };
  delete files[path];
  return { files };
}

/** The files with one file's text set (added when new). */
export function writeFile(project: ModelProjectFiles, path: string, text: string): ModelProjectFiles {
  return { files: { ...project.files, [path]: text } };
}
