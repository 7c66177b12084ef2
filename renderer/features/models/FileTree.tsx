import { createContext, memo, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, ChevronRight, Database, FileCode2, FilePlus2, FileSpreadsheet, FileText, Folder, MoreHorizontal, Pencil, Play, Trash2 } from 'lucide-react';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import { fileTree, isModelPath, NEW_FILE_KINDS, nodeNameOf, type NewFileKind, type TreeNode } from './project-files.ts';

function fileIcon(path: string) {
  if (/\.sql$/i.test(path)) return FileCode2;
  if (/\.csv$/i.test(path)) return FileSpreadsheet;
  if (/\.ya?ml$/i.test(path)) return FileText;
  return FileText;
}

// Whether a build runs: read only by an open file menu, so a build starting or ending does not
// re-render every row of the tree.
const BusyContext = createContext(false);

/**
 * The file browser: folders and files, a problem count per file, and each file's actions.
 * Memoised (with its rows) so a build's progress, which re-renders the workbench, leaves it be.
 */
export const FileTree = memo(function FileTree(props: {
  project: ModelProjectFiles;
  openPath: string | null;
  problemCounts: Record<string, number>;
  busy: boolean;
  onOpen: (path: string) => void;
  onNew: (kind: NewFileKind) => void;
  onRename: (path: string) => void;
  onDelete: (path: string) => void;
  onBuildPlus: (name: string) => void;
}) {
  const { t } = useTranslation();
  const tree = useMemo(() => fileTree(props.project), [props.project]);
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) =>
    setClosed((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const renderNodes = (nodes: TreeNode[], depth: number) => (
    <ul className="models-tree-list" role="list">
      {nodes.map((n) =>
        n.kind === 'folder' ? (
          <li key={n.path}>
            <button
              className="models-tree-row folder"
              style={{ paddingLeft: 8 + depth * 14 }}
              aria-expanded={!closed.has(n.path)}
              onClick={() => toggle(n.path)}
              data-testid={`folder-${n.path}`}
            >
              {closed.has(n.path) ? <ChevronRight size={14} aria-hidden /> : <ChevronDown size={14} aria-hidden />}
              <Folder size={14} aria-hidden className="models-tree-icon" />
              <span className="models-tree-name">{n.name}</span>
            </button>
            {closed.has(n.path) ? null : renderNodes(n.children, depth + 1)}
          </li>
        ) : (
          <FileRow
            key={n.path}
            path={n.path}
            name={n.name}
            depth={depth}
            current={props.openPath === n.path}
            problems={props.problemCounts[n.path] ?? 0}
            onOpen={props.onOpen}
            onRename={props.onRename}
            onDelete={props.onDelete}
            onBuildPlus={props.onBuildPlus}
          />
        ),
      )}
    </ul>
  );

  return (
    <nav className="models-tree" aria-label={t('models.files.label')} data-testid="models-tree">
      <div className="models-pane-header">
        <strong>{t('models.files.title')}</strong>
        <span className="spacer" />
        <Menu.Root>
          <Menu.Trigger asChild>
            <button className="btn small ghost" data-testid="models-new-file">
              <FilePlus2 aria-hidden /> {t('models.files.add')}
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu-content" align="end" sideOffset={4}>
              {(Object.keys(NEW_FILE_KINDS) as NewFileKind[]).map((kind) => (
                <Menu.Item key={kind} className="menu-item" onSelect={() => props.onNew(kind)} data-testid={`models-new-${kind}`}>
                  {t(`models.files.kinds.${kind}`)}
                  <span className="kbd">{NEW_FILE_KINDS[kind].folder}/</span>
                </Menu.Item>
              ))}
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      <div className="models-tree-body">
        <BusyContext.Provider value={props.busy}>{renderNodes(tree, 0)}</BusyContext.Provider>
      </div>
    </nav>
  );
});

const FileRow = memo(function FileRow(props: {
  path: string;
  name: string;
  depth: number;
  current: boolean;
  problems: number;
  onOpen: (path: string) => void;
  onRename: (path: string) => void;
  onDelete: (path: string) => void;
  onBuildPlus: (name: string) => void;
}) {
  const { t } = useTranslation();
  const { path, name } = props;
  const Icon = name === 'dbt_project.yml' ? Database : fileIcon(path);
  const { problems, current } = props;
  const model = isModelPath(path) ? nodeNameOf(path) : null;
  return (
    <li className={`models-tree-file${current ? ' current' : ''}`}>
      <button
        className="models-tree-row"
        style={{ paddingLeft: 8 + props.depth * 14 + 14 }}
        aria-current={current ? 'true' : undefined}
        onClick={() => props.onOpen(path)}
        title={path}
        data-testid={`file-${path}`}
      >
        <Icon size={14} aria-hidden className="models-tree-icon" />
        <span className="models-tree-name">{name}</span>
        {problems > 0 ? (
          <span className="models-problem-count" title={t('models.files.problems', { count: problems })}>
            {problems}
            <span className="sr-only"> {t('models.files.problems', { count: problems })}</span>
          </span>
        ) : null}
      </button>
      <Menu.Root>
        <Menu.Trigger asChild>
          <button className="btn ghost icon models-tree-more" aria-label={t('models.files.actions', { name })} data-testid={`file-menu-${path}`}>
            <MoreHorizontal aria-hidden />
          </button>
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu-content" align="start" sideOffset={4}>
            {model ? (
              <>
                <BuildPlusItem model={model} onBuildPlus={props.onBuildPlus} />
                <Menu.Separator className="menu-sep" />
              </>
            ) : null}
            <Menu.Item className="menu-item" onSelect={() => props.onRename(path)} data-testid="file-rename">
              <Pencil size={14} aria-hidden /> {t('models.files.rename')}
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => props.onDelete(path)} data-testid="file-delete">
              <Trash2 size={14} aria-hidden /> {t('models.files.delete')}
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </li>
  );
});

function BuildPlusItem({ model, onBuildPlus }: { model: string; onBuildPlus: (name: string) => void }) {
  const { t } = useTranslation();
  const busy = useContext(BusyContext);
  return (
    <Menu.Item className="menu-item" disabled={busy} onSelect={() => onBuildPlus(model)} data-testid="file-build-plus">
      <Play size={14} aria-hidden /> {t('models.files.buildPlus')}
      <span className="kbd">+{model}</span>
    </Menu.Item>
  );
}
