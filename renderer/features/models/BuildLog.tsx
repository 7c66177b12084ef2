import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertCircle, Ban, CheckCircle2 } from 'lucide-react';
import { DAG_STATE_ICONS } from '../../ui/graph/DagView.tsx';
import type { GraphNode, NodeOutcome, ProjectGraph } from './engine.ts';
import type { BuildView } from './workbench-store.ts';
import { dagStateOf } from './node-states.ts';

function nameOf(byId: ReadonlyMap<string, GraphNode>, id: string): string {
  return byId.get(id)?.name ?? id.replace(/^[a-z]+\./, '');
}

/** Counts of a finished build for its summary line. */
export function buildCounts(build: BuildView) {
  const all = build.order.map((id) => build.outcomes[id]!);
  // Sources are only looked up, not built: they are listed but not counted.
  const nodes = all.filter((o) => !o.id.startsWith('test.') && !o.id.startsWith('source.'));
  const tests = all.filter((o) => o.id.startsWith('test.'));
  return {
    total: nodes.length,
    built: nodes.filter((o) => o.state === 'success').length,
    failed: nodes.filter((o) => o.state === 'error').length,
    skipped: nodes.filter((o) => o.state === 'skipped').length,
    pass: tests.filter((o) => o.state === 'pass').length,
    fail: tests.filter((o) => o.state === 'fail' || o.state === 'error').length,
    warn: tests.filter((o) => o.state === 'warn').length,
  };
}

/** The build's progress and log: a bar while it runs, then each node's outcome in build order. */
export function BuildLog({ build, graph, onShowNode }: { build: BuildView | null; graph: ProjectGraph | undefined; onShowNode: (node: GraphNode | string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const byId = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);
  if (!build) {
    return (
      <div className="empty-state" data-testid="build-idle">
        <p>{t('models.build.idle')}</p>
        <p className="muted">{t('models.build.idleHint')}</p>
      </div>
    );
  }
  const counts = buildCounts(build);
  const report = build.report;
  let summary;
  if (build.running) {
    summary = (
      <div className="models-progress" data-testid="build-progress">
        <span>{t('models.build.running', { done: build.done, total: build.total || '…' })}</span>
        <progress max={build.total || 1} value={build.done} aria-label={t('models.build.progress')} />
      </div>
    );
  } else if (build.error) {
    summary = (
      <p className="models-summary bad" role="alert">
        <AlertCircle size={16} aria-hidden /> {t('models.build.failedToStart', { message: build.error })}
      </p>
    );
  } else if (report?.blocked) {
    summary = (
      <p className="models-summary bad" role="status" data-testid="build-summary">
        <AlertCircle size={16} aria-hidden /> {t('models.build.blocked')}
      </p>
    );
  } else if (report?.cancelled) {
    summary = (
      <p className="models-summary warn" role="status" data-testid="build-summary">
        <Ban size={16} aria-hidden /> {t('models.build.cancelled')}
      </p>
    );
  } else {
    const good = counts.failed === 0 && counts.skipped === 0 && counts.fail === 0 && counts.warn === 0;
    summary = (
      <p className={`models-summary ${good ? 'good' : 'bad'}`} role="status" data-testid="build-summary">
        {good ? <CheckCircle2 size={16} aria-hidden /> : <AlertCircle size={16} aria-hidden />}
        {good ? `${t('models.build.allGood')} ` : null}
        {t('models.build.summary', counts)}
      </p>
    );
  }

  return (
    <div className="models-build" data-testid="build-log">
      {summary}
      {build.select ? <p className="muted small">{t('models.build.selected', { select: build.select })}</p> : null}
      {build.order.length > 0 ? (
        <table className="models-table">
          <thead>
            <tr>
              <th scope="col">{t('models.build.node')}</th>
              <th scope="col">{t('models.build.state')}</th>
              <th scope="col">{t('models.build.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {build.order.map((id) => {
              const o = build.outcomes[id]!;
              const blockedBy = o.state === 'skipped' && o.blockedBy ? nameOf(byId, o.blockedBy) : undefined;
              return <BuildRow key={id} outcome={o} node={byId.get(id)} name={nameOf(byId, id)} blockedBy={blockedBy} lang={lang} onShowNode={onShowNode} />;
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** One node's line in the log; memoised so a progress event re-renders only the rows that changed. */
const BuildRow = memo(function BuildRow(props: {
  outcome: NodeOutcome;
  node: GraphNode | undefined;
  name: string;
  blockedBy: string | undefined;
  lang: 'ko' | 'en';
  onShowNode: (node: GraphNode | string) => void;
}) {
  const { t } = useTranslation();
  const { outcome: o, name, lang } = props;
  const id = o.id;
  const state = dagStateOf(o.state);
  const Icon = DAG_STATE_ICONS[state];
  const kind = id.split('.')[0] ?? 'model';
  let detail = '';
  if (o.message) detail = o.message[lang];
  else if (o.state === 'skipped') detail = props.blockedBy ? t('models.build.skippedBecause', { name: props.blockedBy }) : t('models.build.skippedPlain');
  else if (o.rows !== undefined && (o.state === 'success' || o.state === 'fail' || o.state === 'warn')) {
    detail = kind === 'test' && o.state !== 'success' ? `${t('models.tests.failures')}: ${o.rows}` : t('models.build.rows', { count: o.rows });
  }
  const ms = o.elapsedMs !== undefined && o.state !== 'skipped' ? `${o.elapsedMs < 10 ? o.elapsedMs.toFixed(1) : Math.round(o.elapsedMs)} ms` : '';
  const time = ms && detail ? ` · ${ms}` : ms;
  const stateLabel = kind === 'source' && o.state === 'success' ? t('models.build.found') : t(`models.build.states.${o.state}`);
  return (
    <tr className={`state-${state}`} data-testid={`build-row-${name}`} data-state={o.state}>
      <td>
        <button className="link-btn" onClick={() => props.onShowNode(props.node ?? id)}>
          {name}
        </button>
        <span className="muted small"> {t(`models.build.kinds.${kind}`, { defaultValue: kind })}</span>
      </td>
      <td className="models-state">
        <Icon size={14} aria-hidden className={state === 'running' ? 'models-spin' : undefined} /> {stateLabel}
      </td>
      <td className="models-detail">
        {detail}
        {time ? <span className="muted">{time}</span> : null}
      </td>
    </tr>
  );
});
