import { currentTarget } from '../../editor/editor-bridge.ts';
import { useStore } from '../../state/store.ts';
import { findLesson } from '../course/course-data.ts';
import { viewNameOf } from '../governance/mask-actions.ts';
import { runTarget } from '../sandbox/workbench.ts';

/**
 * Run in a masked-view step (loaded on first use): a CREATE VIEW of the step's view replaces the
 * view an earlier Run made, since the learner rewrites that one view until it passes (a second
 * CREATE VIEW would only say the view exists), and the view's rows are shown. Anything else runs as
 * it is, as Run does elsewhere.
 */
export function runMaskedViewStep(): Promise<void> {
  const s = useStore.getState();
  const step = findLesson(s.lessonId)?.lesson.steps.find((x) => x.id === s.stepId);
  const target = currentTarget();
  if (!target) return Promise.resolve();
  const view = step?.kind === 'masked-view' ? step.view : null;
  if (!view || viewNameOf(target.sql)?.toLowerCase() !== view.toLowerCase()) return runTarget(target);
  const name = `"${view.replaceAll('"', '""')}"`;
  const before = `DROP VIEW IF EXISTS ${name};\n`;
  const body = target.sql.replace(/;\s*$/, '');
  // The offset moves back by the DROP, so an error in the learner's statement is marked where they wrote it.
  return runTarget({ sql: `${before}${body};\nSELECT * FROM ${name};`, offset: target.offset - before.length });
}
