import { create } from 'zustand';
import { WHOLE_RANGE } from '../../../core/grading/metric-grader.ts';
import type { MetricStep } from '../../../core/lessons/kinds/decision-schemas.ts';
import { metricSeriesSql, MetricSqlError } from '../../../core/metrics/render-sql.ts';
import type { Grain } from '../../../core/metrics/schema.ts';
import { getEditorText } from '../../editor/editor-bridge.ts';
import { useStore, type Store } from '../../state/store.ts';
import { runTarget } from '../sandbox/workbench.ts';
import { findLesson } from '../course/course-data.ts';

/**
 * A metric step's Run: the editor holds a SQL template, so Run renders it at the grain the
 * preview shows (the SQL a dashboard tile would run, over the step's range) and runs that through
 * the editor's usual run; the results pane lists the periods and MetricStep.tsx draws them.
 */

interface PreviewState {
  /** The grain previewed (null: the step's first). */
  grain: Grain | null;
  /** Why the template could not be rendered, shown in place of the chart. */
  templateError: { message: string; line: number | null } | null;
  /** The rendered SQL of the last preview, to tell its run from other runs (a Check's graded result). */
  lastSql: string | null;
  set: (patch: Partial<Omit<PreviewState, 'set'>>) => void;
}

/** The preview's state, shared by the switcher, the chart and the Run command. */
export const useMetricPreview = create<PreviewState>((set) => ({
  grain: null,
  templateError: null,
  lastSql: null,
  set: (patch) => set(patch),
}));

function currentMetricStep(s: Store = useStore.getState()): MetricStep | null {
  const { lessonId, stepId } = s;
  const step = findLesson(lessonId)?.lesson.steps.find((s) => s.id === stepId);
  return step?.kind === 'metric' ? step : null;
}

/** True when the step on show is a metric step (its Run previews the template). */
export function onMetricStep(s: Store): boolean {
  return s.screen === 'lesson' && currentMetricStep(s) !== null;
}

/** Runs the editor's template at the previewed grain over the step's range; the results pane shows the series. */
export async function runMetricPreview(grain?: Grain): Promise<void> {
  const step = currentMetricStep();
  if (!step) return;
  const preview = useMetricPreview.getState();
  const at = grain ?? preview.grain ?? step.grains[0] ?? 'month';
  let sql: string;
  try {
    sql = metricSeriesSql(getEditorText(), at, step.range ?? WHOLE_RANGE);
  } catch (e) {
    preview.set({
      grain: at,
      templateError: { message: e instanceof Error ? e.message : String(e), line: e instanceof MetricSqlError ? (e.line ?? null) : null },
    });
    return;
  }
  preview.set({ grain: at, templateError: null, lastSql: sql });
  await runTarget({ sql, offset: -1 }, { record: false });
}
