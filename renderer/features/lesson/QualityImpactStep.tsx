import type { Step } from '../../../core/lessons/step-kinds.ts';
import type { ImpactStep, QualityStep } from '../../../core/lessons/kinds/governance-schemas.ts';
import { ImpactStepArea } from './ImpactStep.tsx';
import { QualityStepArea } from './QualityStep.tsx';

/** The work area of a quality or impact step (isGovernanceStep): the check file and its results, or the lineage graph and the answer. */
export function QualityImpactStepArea({ step, answerKey }: { step: Step; answerKey: string }) {
  const kind: string = step.kind;
  // Narrowed by kind: the lesson loader validated the step against that kind's schema.
  return kind === 'quality' ? (
    <QualityStepArea step={step as unknown as QualityStep} answerKey={answerKey} />
  ) : (
    <ImpactStepArea step={step as unknown as ImpactStep} answerKey={answerKey} />
  );
}
