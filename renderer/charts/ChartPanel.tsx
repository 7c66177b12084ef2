import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Code2, Copy, Image, FileImage } from 'lucide-react';
import type { Cell, ColumnInfo } from '../../core/sql/protocol.ts';
import {
  AGGREGATES,
  MARKS,
  MAX_MARKS,
  TOP_N,
  buildSpec,
  countMarks,
  defaultChoice,
  topCategories,
  type Aggregate,
  type ChartChoice,
  type MarkType,
} from '../../core/charts/spec.ts';
import { Select } from '../ui/Select.tsx';
import { downloadBlob, fileStamp } from '../host/download.ts';
import { useStore } from '../state/store.ts';
import type { ChartHandle } from './ChartView.tsx';

const ChartView = lazy(() => import('./ChartView.tsx'));
const NONE = '__none__';

/** The chart tab: a small builder (mark, x, y, color, aggregate) over the shown result. */
export function ChartPanel({ columns, rows, truncated }: { columns: ColumnInfo[]; rows: Cell[][]; truncated: boolean }) {
  const { t } = useTranslation();
  const notify = useStore((s) => s.notify);
  const [choice, setChoice] = useState<ChartChoice>(() => defaultChoice(columns, rows));
  const [showSpec, setShowSpec] = useState(false);
  const handle = useRef<ChartHandle | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => setChoice(defaultChoice(columns, rows)), [columns, rows]);

  const marks = useMemo(() => countMarks(choice, columns, rows), [choice, columns, rows]);
  const tooMany = marks > MAX_MARKS;
  const countTitle = t('chart.count');
  const spec = useMemo(() => (tooMany ? null : buildSpec(choice, columns, rows, countTitle)), [choice, columns, rows, tooMany, countTitle]);
  // With more than TOP_N categories the chart shows the largest ones; the learner can ask for all.
  const cut = useMemo(() => topCategories({ ...choice, top: TOP_N }, columns, rows), [choice, columns, rows]);
  const onReady = useCallback((h: ChartHandle | null) => {
    handle.current = h;
    setReady(h !== null);
  }, []);

  if (columns.length === 0) return <p className="empty-state">{t('chart.noResult')}</p>;
  const fieldOptions = [{ value: NONE, label: t('chart.none') }, ...columns.map((c) => ({ value: c.name, label: c.name }))];
  const set = (patch: Partial<ChartChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const specText = spec ? JSON.stringify({ ...spec, data: { values: `[${rows.length} rows]` } }, null, 2) : '';

  return (
    <div className="chart-panel" data-testid="chart-panel">
      <div className="chart-builder">
        <label className="builder-field">
          <span>{t('chart.mark')}</span>
          <Select
            label={t('chart.mark')}
            testId="chart-mark"
            value={choice.mark}
            options={MARKS.map((m) => ({ value: m, label: t(`chart.${m}`) }))}
            onChange={(v) => set({ mark: v as MarkType })}
            minWidth={100}
          />
        </label>
        <label className="builder-field">
          <span>{t('chart.x')}</span>
          <Select
            label={t('chart.x')}
            testId="chart-x"
            value={choice.x ?? NONE}
            options={fieldOptions}
            onChange={(v) => set({ x: v === NONE ? null : v })}
            minWidth={120}
          />
        </label>
        <label className="builder-field">
          <span>{t('chart.y')}</span>
          <Select
            label={t('chart.y')}
            testId="chart-y"
            value={choice.y ?? NONE}
            options={fieldOptions}
            onChange={(v) => set({ y: v === NONE ? null : v })}
            minWidth={120}
          />
        </label>
        <label className="builder-field">
          <span>{t('chart.aggregate')}</span>
          <Select
            label={t('chart.aggregate')}
            testId="chart-aggregate"
            value={choice.aggregate}
            options={AGGREGATES.map((a) => ({ value: a, label: t(`chart.${a}`) }))}
            onChange={(v) => set({ aggregate: v as Aggregate })}
            minWidth={100}
          />
        </label>
        <label className="builder-field">
          <span>{t('chart.color')}</span>
          <Select
            label={t('chart.color')}
            testId="chart-color"
            value={choice.color ?? NONE}
            options={fieldOptions}
            onChange={(v) => set({ color: v === NONE ? null : v })}
            minWidth={120}
          />
        </label>
        <span className="spacer" />
        <button className="btn small" onClick={() => setShowSpec((s) => !s)} disabled={!spec} aria-pressed={showSpec}>
          <Code2 aria-hidden /> {showSpec ? t('chart.hideSpec') : t('chart.viewSpec')}
        </button>
        <button
          className="btn small"
          disabled={!spec}
          onClick={async () => {
            await navigator.clipboard.writeText(JSON.stringify(spec, null, 2));
            notify('success', t('results.copied'));
          }}
        >
          <Copy aria-hidden /> {t('chart.copySpec')}
        </button>
        <button
          className="btn small"
          disabled={!ready}
          data-testid="save-svg"
          onClick={async () => {
            const svg = await handle.current?.toSvg();
            if (svg) downloadBlob(`chart_${fileStamp()}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
          }}
        >
          <FileImage aria-hidden /> {t('chart.saveSvg')}
        </button>
        <button
          className="btn small"
          disabled={!ready}
          onClick={async () => {
            const url = await handle.current?.toPng();
            if (url) downloadBlob(`chart_${fileStamp()}.png`, await (await fetch(url)).blob());
          }}
        >
          <Image aria-hidden /> {t('chart.savePng')}
        </button>
      </div>
      {truncated ? <p className="chart-note">{t('chart.truncatedNote', { shown: rows.length })}</p> : null}
      {cut && spec ? (
        <p className="chart-note" data-testid="chart-top-note">
          {choice.top !== null
            ? t('chart.topNote', { shown: cut.keep.size, total: cut.total, field: cut.field })
            : t('chart.allNote', { total: cut.total, field: cut.field })}{' '}
          <button className="btn small ghost" onClick={() => set({ top: choice.top === null ? TOP_N : null })}>
            {choice.top !== null ? t('chart.showAll', { total: cut.total }) : t('chart.showTop', { n: TOP_N })}
          </button>
        </p>
      ) : null}
      {tooMany ? (
        <p className="chart-refused" role="alert" data-testid="chart-refused">
          {t('chart.tooMany', { count: marks, limit: MAX_MARKS })}
        </p>
      ) : !spec ? (
        <p className="empty-state">{t('chart.pickFields')}</p>
      ) : (
        <div className="chart-body">
          <Suspense fallback={<p className="empty-state">{t('chart.rendering')}</p>}>
            <ChartView spec={spec} onReady={onReady} />
          </Suspense>
          {showSpec ? (
            <pre className="spec-view" data-testid="spec-view" tabIndex={0}>
              {specText}
            </pre>
          ) : null}
        </div>
      )}
    </div>
  );
}
