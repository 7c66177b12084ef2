import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Ban, CircleGauge, Loader2, X, Zap } from 'lucide-react';
import { buildPlanTree, rowidColumns, summarizePlan, type PlanNode } from '../../../core/sql/query-plan.ts';
import { tokenizeSql } from '../../../core/sql/sql-tokens.ts';
import { statementNames } from '../../../core/sql/table-references.ts';
import { useStore } from '../../state/store.ts';
import type { PlanRecord } from '../../state/plan-slice.ts';
import { SqlErrorBox } from './SqlErrorBox.tsx';
import { Ticks } from './Ticks.tsx';
import { closePlan } from './explain.ts';
import './sql-help.css';

function ToneIcon({ tone }: { tone: PlanNode['note']['tone'] }) {
  const { t } = useTranslation();
  if (tone === 'costly') return <CircleGauge className="plan-tone-icon" aria-label={t('plan.tone.costly')} role="img" />;
  if (tone === 'fast') return <Zap className="plan-tone-icon" aria-label={t('plan.tone.fast')} role="img" />;
  return null;
}

/** One step and the steps under it, as nested lists (a screen reader announces the nesting). */
function PlanStep({ node }: { node: PlanNode }) {
  const { t } = useTranslation();
  const { code, params, tone } = node.note;
  const note = code === 'other' ? '' : t(`plan.note.${code}`, params);
  return (
    <li className={`plan-step tone-${tone}`} data-testid="plan-step" data-code={code}>
      <div className="plan-step-line">
        <ToneIcon tone={tone} />
        <strong className="plan-step-label">{t(`plan.label.${code}`)}</strong>
        <code className="plan-step-detail">{node.detail}</code>
      </div>
      {note ? (
        <p className="plan-step-note" data-testid="plan-note">
          <Ticks text={note} />
        </p>
      ) : null}
      {node.children.length > 0 ? (
        <ul className="plan-steps">
          {node.children.map((child) => (
            <PlanStep key={child.id} node={child} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function PlanTree({ plan, rows }: { plan: PlanRecord; rows: Parameters<typeof buildPlanTree>[0] }) {
  const { t } = useTranslation();
  const schema = useStore((s) => s.schema);
  const nodes = useMemo(
    () =>
      buildPlanTree(
        rows,
        statementNames(
          tokenizeSql(plan.sql),
          schema.map((o) => o.name),
        ),
        rowidColumns(schema),
      ),
    [rows, plan.sql, schema],
  );
  const summary = summarizePlan(nodes);
  const chips: { text: string; tone: 'costly' | 'fast' }[] = [];
  if (summary.fullScans.length > 0)
    chips.push({ text: t('plan.summary.fullScans', { tables: summary.fullScans.join(', ') }), tone: 'costly' });
  if (summary.tempBTrees > 0) chips.push({ text: t('plan.summary.tempBTrees', { count: summary.tempBTrees }), tone: 'costly' });
  if (summary.correlatedSubqueries > 0)
    chips.push({ text: t('plan.summary.correlated', { count: summary.correlatedSubqueries }), tone: 'costly' });
  if (summary.automaticIndexes > 0)
    chips.push({ text: t('plan.summary.automaticIndexes', { count: summary.automaticIndexes }), tone: 'costly' });
  if (summary.indexSearches > 0) chips.push({ text: t('plan.summary.indexSearches', { count: summary.indexSearches }), tone: 'fast' });
  return (
    <>
      {chips.length > 0 ? (
        <ul className="plan-summary" aria-label={t('plan.summary.label')} data-testid="plan-summary">
          {chips.map((c) => (
            <li key={c.text} className={`plan-chip tone-${c.tone}`}>
              {c.text}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="plan-intro">{t('plan.intro')}</p>
      <ul className="plan-steps plan-root" aria-label={t('plan.steps')} data-testid="plan-tree">
        {nodes.map((node) => (
          <PlanStep key={node.id} node={node} />
        ))}
      </ul>
    </>
  );
}

/** The Plan view: the explained statement, then its plan as a tree of steps with plain notes (or its error). */
export function QueryPlanView({ plan }: { plan: PlanRecord }) {
  const { t } = useTranslation();
  const outcome = plan.outcome;
  let body;
  if (!outcome) {
    body = (
      <p className="plan-status" role="status">
        <Loader2 className="spin" aria-hidden /> {t('plan.running')}
      </p>
    );
  } else if ('cancelled' in outcome) {
    body = (
      <p className="notice-inline" role="status">
        <Ban aria-hidden /> {t('plan.cancelled')}
      </p>
    );
  } else if ('failed' in outcome) {
    body = (
      <p className="notice-inline" role="alert">
        {t('plan.failed', { message: outcome.failed })}
      </p>
    );
  } else if (outcome.error) {
    body = <SqlErrorBox error={outcome.error} sql={plan.sent} editorOffset={plan.editorOffset} />;
  } else if (outcome.rows.length === 0) {
    body = <p className="plan-status">{t('plan.none')}</p>;
  } else {
    body = <PlanTree plan={plan} rows={outcome.rows} />;
  }
  return (
    <section className="plan-view" aria-label={t('plan.title')} data-testid="query-plan">
      <div className="plan-head">
        <strong className="plan-title">{t('plan.title')}</strong>
        <code className="plan-sql" title={plan.sql}>
          {plan.sql.replace(/\s+/g, ' ').trim()}
        </code>
        <button className="btn ghost icon small" onClick={closePlan} aria-label={t('plan.close')} data-testid="plan-close">
          <X aria-hidden />
        </button>
      </div>
      {plan.skipped > 0 ? <p className="plan-skipped">{t('plan.skipped')}</p> : null}
      {body}
    </section>
  );
}
