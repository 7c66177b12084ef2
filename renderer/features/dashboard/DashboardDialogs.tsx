import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExternalLink } from 'lucide-react';
import type { Dashboard, Metric, Tile } from '../../../core/metrics/schema.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Select } from '../../ui/Select.tsx';
import { CodeBlock } from '../../ui/CodeBlock.tsx';
import { ownerLabel } from '../../../core/metrics/hanbit-metrics.ts';
import type { NewTile } from './dashboard-store.ts';
import { DEFAULT_DATABASE, type TileResult } from './tile-runs.ts';

/** The dashboard's name, for a new dashboard or a rename. */
export function NameDialog(props: {
  open: boolean;
  mode: 'new' | 'rename';
  initial: string;
  onClose: () => void;
  onSave: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial);
  const [problem, setProblem] = useState(false);
  useEffect(() => {
    if (props.open) {
      setName(props.initial);
      setProblem(false);
    }
  }, [props.open, props.initial]);
  const save = () => {
    if (name.trim() === '') return setProblem(true);
    props.onSave(name.trim());
    props.onClose();
  };
  return (
    <Dialog
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={props.mode === 'new' ? t('dashboard.newTitle') : t('dashboard.renameTitle')}
      {...(props.mode === 'new' ? { description: t('dashboard.newBody') } : {})}
      testId="dash-name-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="field">
          <label htmlFor="dash-name">{t('dashboard.name')}</label>
          <input
            id="dash-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="dash-name-input"
            autoFocus
          />
          {problem ? (
            <p className="dash-field-error" role="alert">
              {t('dashboard.nameRequired')}
            </p>
          ) : null}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" data-testid="dash-name-save">
            {props.mode === 'new' ? t('dashboard.create') : t('dashboard.renameSave')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const EXAMPLE_QUERY = `SELECT {{ period('order_date') }} AS period,
       platform AS series,
       COUNT(*) AS value
FROM fact_orders
WHERE status IN ('paid', 'shipped', 'delivered', 'refunded')
GROUP BY 1, 2`;

/** The add-tile dialog: a metric or the learner's own query, the tile's kind and its chart mark. */
export function AddTileDialog(props: {
  open: boolean;
  onClose: () => void;
  metrics: readonly Metric[];
  onAdd: (tile: NewTile, title: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const [source, setSource] = useState<'metric' | 'query'>('metric');
  const [metricId, setMetricId] = useState('');
  const [kind, setKind] = useState<Tile['kind']>('kpi');
  const [mark, setMark] = useState<'line' | 'bar' | 'area'>('line');
  const [title, setTitle] = useState('');
  const [sql, setSql] = useState(EXAMPLE_QUERY);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!props.open) return;
    setSource('metric');
    setMetricId(props.metrics[0]?.id ?? '');
    setKind('kpi');
    setMark('line');
    setTitle('');
    setSql(EXAMPLE_QUERY);
    setProblem(null);
  }, [props.open, props.metrics]);
  const effectiveKind = source === 'query' ? 'chart' : kind;
  const add = () => {
    const ownTitle = title.trim();
    if (source === 'query') {
      if (sql.trim() === '') return setProblem(t('dashboard.dialog.sqlRequired'));
      if (ownTitle === '') return setProblem(t('dashboard.dialog.titleRequired'));
      props.onAdd({ kind: 'chart', sql, database: DEFAULT_DATABASE, title: { ko: ownTitle, en: ownTitle }, chart: { mark } }, ownTitle);
    } else {
      const m = props.metrics.find((x) => x.id === metricId);
      if (!m) return;
      props.onAdd(
        { kind, metricId: m.id, chart: { mark }, ...(ownTitle ? { title: { ko: ownTitle, en: ownTitle } } : {}) },
        ownTitle || m.name[lang],
      );
    }
    props.onClose();
  };
  // A name two metrics share (the KPI's "Revenue" and marketing's) is told apart by the metric's id.
  const shared = (m: Metric) => props.metrics.some((x) => x.id !== m.id && x.name[lang] === m.name[lang]);
  const metricOptions = props.metrics.map((m) => ({
    value: m.id,
    label: shared(m) ? `${m.name[lang]} (${m.id})` : m.name[lang],
    group: m.type === 'kpi' ? t('metrics.type.kpi') : t('metrics.type.metric'),
  }));
  return (
    <Dialog
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={t('dashboard.dialog.title')}
      description={t('dashboard.dialog.body')}
      className="dash-add-dialog"
      testId="dash-add-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <fieldset className="dash-choice">
          <legend>{t('dashboard.dialog.source')}</legend>
          {(['metric', 'query'] as const).map((s) => (
            <label key={s} className="dash-radio">
              <input
                type="radio"
                name="dash-source"
                value={s}
                checked={source === s}
                onChange={() => setSource(s)}
                data-testid={`dash-source-${s}`}
              />
              {s === 'metric' ? t('dashboard.dialog.sourceMetric') : t('dashboard.dialog.sourceQuery')}
            </label>
          ))}
        </fieldset>
        {source === 'metric' ? (
          <div className="field">
            <span className="label" id="dash-metric-label">
              {t('dashboard.dialog.metric')}
            </span>
            <Select
              label={t('dashboard.dialog.metric')}
              value={metricId}
              options={metricOptions}
              onChange={setMetricId}
              testId="dash-add-metric"
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="dash-add-sql">{t('dashboard.dialog.sql')}</label>
            <textarea
              id="dash-add-sql"
              className="input mono dash-sql-input"
              rows={6}
              value={sql}
              onChange={(e) => setSql(e.target.value)}
              spellCheck={false}
              data-testid="dash-add-sql"
            />
            <p className="dash-help">{t('dashboard.dialog.sqlHelp', { example: "{{ period('order_date') }}" })}</p>
          </div>
        )}
        <div className="dash-dialog-row">
          <fieldset className="dash-choice">
            <legend>{t('dashboard.dialog.kind')}</legend>
            {(['kpi', 'chart'] as const).map((k) => (
              <label key={k} className="dash-radio">
                <input
                  type="radio"
                  name="dash-kind"
                  value={k}
                  checked={effectiveKind === k}
                  disabled={source === 'query' && k === 'kpi'}
                  onChange={() => setKind(k)}
                  data-testid={`dash-kind-${k}`}
                />
                {t(`dashboard.dialog.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          {effectiveKind === 'chart' ? (
            <fieldset className="dash-choice">
              <legend>{t('dashboard.dialog.mark')}</legend>
              {(['line', 'bar', 'area'] as const).map((m) => (
                <label key={m} className="dash-radio">
                  <input
                    type="radio"
                    name="dash-mark"
                    value={m}
                    checked={mark === m}
                    onChange={() => setMark(m)}
                    data-testid={`dash-mark-${m}`}
                  />
                  {t(`dashboard.dialog.marks.${m}`)}
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
        {source === 'query' ? <p className="dash-help">{t('dashboard.dialog.kpiNeedsMetric')}</p> : null}
        <div className="field">
          <label htmlFor="dash-add-title">{t('dashboard.dialog.tileTitle')}</label>
          <input
            id="dash-add-title"
            className="input"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={source === 'metric' ? t('dashboard.dialog.titlePlaceholder') : ''}
            data-testid="dash-add-title"
          />
        </div>
        {problem ? (
          <p className="dash-field-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn primary" data-testid="dash-add-confirm">
            {t('dashboard.dialog.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "What is this": the tile's metric (definition, owner, unit, direction), its SQL and the SQL as run, and the way to the registry. */
export function TileInfoDialog(props: {
  open: boolean;
  onClose: () => void;
  dashboard: Dashboard;
  tile: Tile | null;
  metric: Metric | undefined;
  title: string;
  result: TileResult | undefined;
  onOpenMetric: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ko' ? 'ko' : 'en';
  const { tile, metric, dashboard } = props;
  if (!tile) return null;
  const grain = t(`dashboard.grainsAdj.${dashboard.grain}`);
  return (
    <Dialog
      open={props.open}
      onOpenChange={(o) => !o && props.onClose()}
      title={props.title}
      description={t('dashboard.tile.computes', { grain, from: dashboard.range.from, to: dashboard.range.to })}
      className="dash-info-dialog"
      testId="dash-info-dialog"
    >
      {metric ? (
        <dl className="dash-info-list">
          <dt>{t('dashboard.info.definition')}</dt>
          <dd data-testid="dash-info-definition">{metric.definition[lang]}</dd>
          <dt>{t('dashboard.info.owner')}</dt>
          <dd>{ownerLabel(metric.owner, lang)}</dd>
          <dt>{t('dashboard.info.unit')}</dt>
          <dd>{t(`dashboard.units.${metric.unit}`)}</dd>
          <dt>{t('dashboard.info.direction')}</dt>
          <dd>{metric.higherIsBetter ? t('dashboard.info.higherGood') : t('dashboard.info.higherBad')}</dd>
        </dl>
      ) : (
        <p>{t('dashboard.info.queryNote')}</p>
      )}
      <h3 className="dash-info-h">{t('dashboard.info.sql')}</h3>
      <CodeBlock code={metric?.sql ?? tile.sql ?? ''} copyable testId="dash-info-sql" />
      {props.result?.sql ? (
        <details className="dash-info-rendered">
          <summary>{t('dashboard.info.rendered')}</summary>
          <CodeBlock code={props.result.sql} copyable />
        </details>
      ) : null}
      <div className="dialog-actions">
        {metric ? (
          <button
            className="btn"
            onClick={() => {
              props.onClose();
              props.onOpenMetric(metric.id);
            }}
            data-testid="dash-info-open-metric"
          >
            <ExternalLink aria-hidden /> {t('dashboard.info.openMetric')}
          </button>
        ) : null}
        <button className="btn primary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
