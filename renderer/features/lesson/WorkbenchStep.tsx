import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Alert from '@radix-ui/react-alert-dialog';
import { CheckCheck, Loader2, RotateCcw } from 'lucide-react';
import type { ModelProjectFiles } from '../../../core/models/project.ts';
import type { Pipeline } from '../../../core/pipeline/schema.ts';
import { useStore } from '../../state/store.ts';
import { shownKeys } from '../../commands/commands.ts';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { ModelWorkbench } from '../models/ModelWorkbench.tsx';
import { PipelineWorkbench } from '../pipeline/PipelineWorkbench.tsx';
import {
  checkStep,
  restartWorkbench,
  saveWorkbenchAnswer,
  stepLogicalDate,
  workbenchAnswer,
  workbenchDraftKey,
  type WorkbenchStep,
} from './lesson-actions.ts';

/**
 * Starts watching the notices while a workbench step is on screen; the returned cleanup (leaving the
 * step or the lesson) dismisses the ones the workbench raised meanwhile ("task failed", "backfill
 * done"): they speak of that step's runs. Errors stay, since a failed save, say, is not the step's.
 */
function dismissNoticesOnLeaving(): () => void {
  const before = new Set(useStore.getState().notices.map((n) => n.id));
  return () => {
    const { notices, dismiss } = useStore.getState();
    for (const n of notices) if (!before.has(n.id) && n.tone !== 'error') dismiss(n.id);
  };
}

/**
 * The work area of a pipeline or models step: Check and Start over above the pipeline or model
 * workbench in lesson mode. The learner's pipeline or project is the step's answer, saved on
 * every edit beside the SQL editors' drafts; the verdict shows in the lesson column's feedback.
 */
export function WorkbenchStepArea({ step, answerKey }: { step: WorkbenchStep; answerKey: string }) {
  const { t } = useTranslation();
  const checking = useStore((s) => s.checking);
  // Re-read on every saved edit: the workbench is controlled by the saved answer.
  useStore((s) => s.queries.drafts[workbenchDraftKey(answerKey)]);
  const answer = workbenchAnswer(step, answerKey);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => dismissNoticesOnLeaving(), [answerKey]);
  return (
    <div className="panel lesson-workbench" data-testid="lesson-workbench">
      <div className="step-toolbar">
        <Tooltip text={t('commands.check')} keys={shownKeys('check')}>
          <button className="btn primary" onClick={() => void checkStep()} aria-disabled={checking} data-testid="check">
            {checking ? <Loader2 className="spin" aria-hidden /> : <CheckCheck aria-hidden />} {t('lesson.check')}
          </button>
        </Tooltip>
        {checking ? (
          <span className="muted" role="status" data-testid="workbench-checking">
            {t(step.kind === 'pipeline' ? 'lesson.checkingPipeline' : 'lesson.checkingModels')}
          </span>
        ) : null}
        <span className="spacer" />
        <button className="btn ghost small" onClick={() => setConfirm(true)} disabled={checking} data-testid="workbench-restart">
          <RotateCcw aria-hidden /> <span className="btn-label">{t('lesson.restartWork')}</span>
        </button>
      </div>
      <div className="lesson-workbench-body">
        {step.kind === 'pipeline' ? (
          <PipelineWorkbench
            pipeline={answer as Pipeline}
            onChange={(next) => saveWorkbenchAnswer(answerKey, next)}
            mode="lesson"
            defaultDs={stepLogicalDate(step)}
          />
        ) : (
          <ModelWorkbench project={answer as ModelProjectFiles} onChange={(next) => saveWorkbenchAnswer(answerKey, next)} mode="lesson" />
        )}
      </div>
      <Alert.Root open={confirm} onOpenChange={setConfirm}>
        <Alert.Portal>
          <Alert.Overlay className="overlay" />
          <Alert.Content className="dialog" data-testid="restart-dialog">
            <Alert.Title>{t('lesson.restartWorkTitle')}</Alert.Title>
            <Alert.Description>{t(step.kind === 'pipeline' ? 'lesson.restartPipelineBody' : 'lesson.restartModelsBody')}</Alert.Description>
            <div className="dialog-actions">
              <Alert.Cancel className="btn">{t('lesson.keepTrying')}</Alert.Cancel>
              <Alert.Action className="btn primary" onClick={restartWorkbench} data-testid="restart-confirm">
                {t('lesson.restartWork')}
              </Alert.Action>
            </div>
          </Alert.Content>
        </Alert.Portal>
      </Alert.Root>
    </div>
  );
}
