import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { DAG_STATE_ICONS } from '../../ui/graph/DagView.tsx';
import { ResultGrid } from '../../grid/ResultGrid.tsx';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { useStore } from '../../state/store.ts';
import type { NodeOutcome, ProjectGraph } from './engine.ts';
import { dagStateOf } from './node-states.ts';

/** The data tests of the last build: one row each (pass, fail, warn and failing rows), and the chosen test's failing rows and SQL. */
export function TestsPanel(props: {
  graph: ProjectGraph | undefined;
  outcomes: Record<string, NodeOutcome>;
  order: readonly string[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const notify = useStore((s) => s.notify);
  const onCopied = useCallback(() => notify('success', t('results.copied')), [notify, t]);
  const nodes = new Map((props.graph?.nodes ?? []).map((n) => [n.id, n]));
  const tests = props.order.filter((id) => nodes.get(id)?.kind === 'test' || (!nodes.has(id) && id.startsWith('test.')));
  if (tests.length === 0) return <p className="empty-state">{t('models.tests.none')}</p>;

  const counts = { pass: 0, fail: 0, warn: 0 };
  for (const id of tests) {
    const s = props.outcomes[id]?.state;
    if (s === 'pass') counts.pass++;
    else if (s === 'warn') counts.warn++;
    else if (s === 'fail' || s === 'error') counts.fail++;
  }
  const chosen = props.selected && tests.includes(props.selected) ? props.selected : tests[0]!;
  const outcome = props.outcomes[chosen];
  const node = nodes.get(chosen);
  const label = (id: string) => nodes.get(id)?.name ?? id.replace(/^test\./, '');
  const target = (id: string) => {
    const n = nodes.get(id);
    if (!n?.attachedTo) return '';
    const on = nodes.get(n.attachedTo)?.name ?? n.attachedTo;
    const column = props.outcomes[id]?.testColumn ?? n.column;
    return column ? `${on}.${column}` : on;
  };

  return (
    <Group orientation="vertical" id="models-tests" className="models-tests">
      <Panel id="models-tests-list" defaultSize="45" minSize="20">
        <div className="models-scroll">
          <p className="muted small models-tests-counts" data-testid="tests-counts">
            {t('models.tests.counts', counts)}
          </p>
          <table className="models-table selectable" data-testid="tests-table">
            <thead>
              <tr>
                <th scope="col">{t('models.tests.test')}</th>
                <th scope="col">{t('models.tests.on')}</th>
                <th scope="col">{t('models.tests.status')}</th>
                <th scope="col" className="num">
                  {t('models.tests.failures')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tests.map((id) => {
                const o = props.outcomes[id];
                const state = dagStateOf(o?.state);
                const Icon = DAG_STATE_ICONS[state];
                return (
                  <tr key={id} className={`state-${state}${id === chosen ? ' chosen' : ''}`} data-testid={`test-row-${label(id)}`} data-state={o?.state}>
                    <td>
                      <button className="link-btn" aria-pressed={id === chosen} onClick={() => props.onSelect(id)} aria-label={t('models.tests.select', { name: label(id) })}>
                        {label(id)}
                      </button>
                    </td>
                    <td className="muted">{target(id)}</td>
                    <td className="models-state">
                      <Icon size={14} aria-hidden /> {o ? t(`models.build.states.${o.state}`) : ''}
                    </td>
                    <td className="num">{o?.rows ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Panel>
      <Separator className="resize-handle v" />
      <Panel id="models-tests-detail" minSize="20">
        <div className="models-test-detail" data-testid="test-detail">
          <h3 className="models-subhead">{t('models.tests.failingRows', { name: label(chosen) })}</h3>
          {outcome?.state === 'error' && outcome.message ? (
            <p className="models-summary bad">{t('models.tests.error', { message: outcome.message[lang] })}</p>
          ) : outcome?.failing && outcome.failing.rows.length > 0 ? (
            <>
              {outcome.failing.rowCount > outcome.failing.rows.length ? (
                <p className="muted small">{t('models.tests.failingShown', { shown: outcome.failing.rows.length, total: outcome.failing.rowCount })}</p>
              ) : null}
              <div className="models-grid-box" data-testid="failing-rows">
                <ResultGrid columns={outcome.failing.columns} rows={outcome.failing.rows} onCopied={onCopied} />
              </div>
            </>
          ) : (
            <p className="muted">{t('models.tests.noFailing')}</p>
          )}
          {outcome?.compiledSql ? (
            <>
              <h3 className="models-subhead">{t('models.tests.sql')}</h3>
              <CodeBlock code={outcome.compiledSql} copyable testId="test-sql" />
            </>
          ) : null}
          {node?.path ? <p className="muted small">{node.path}</p> : null}
        </div>
      </Panel>
    </Group>
  );
}
