import type { Localized } from '../lessons/localized.ts';
import type { Verdict } from './compare.ts';
import { message, type Message } from './messages.ts';

/** Grades a choice step: the chosen set must equal the right set; each wrong pick gets its explanation. */

/** One answer the learner can pick. */
export interface ChoiceOption {
  id: string;
  label: Localized;
  correct: boolean;
  explanation?: Localized | undefined;
}

/** Everything a choice step's grading needs. */
export interface ChoiceGradeSpec {
  choices: readonly ChoiceOption[];
  reasonRequired: boolean;
  knownWrong: readonly { choices: readonly string[]; feedback?: Localized | undefined }[];
}

/** What the learner picked, and the reason they keep (not graded, only required when asked). */
export interface ChoiceAnswer {
  selected: string[];
  reason?: string | undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Grades the picked choices. */
export function gradeChoice(spec: ChoiceGradeSpec, answer: ChoiceAnswer): Verdict {
  const messages: Message[] = [];
  const selected = [...new Set(answer.selected)];
  if (selected.length === 0) return { pass: false, messages: [message('no-answer', {})], expected: null, actual: null };
  for (const id of selected) {
    const choice = spec.choices.find((c) => c.id === id);
    if (!choice) {
      messages.push(message('bad-answer', { expected: `one of ${spec.choices.map((c) => c.id).join(', ')}` }));
    } else if (!choice.correct) {
      // The schema requires an explanation on every wrong choice; the fallback only guards old packs.
      const explanation = choice.explanation ?? { ko: '이 답은 맞지 않습니다.', en: 'This answer is not right.' };
      messages.push(message('wrong-choice', { choice: choice.id, label: choice.label, explanation }));
    }
  }
  const missed = spec.choices.filter((c) => c.correct && !selected.includes(c.id)).length;
  if (missed > 0 && messages.length === 0) messages.push(message('choices-missing', { count: missed }));
  if (spec.reasonRequired && (answer.reason ?? '').trim() === '') messages.push(message('reason-required', {}));
  const known = spec.knownWrong.find((k) => k.feedback && sameSet(k.choices, selected));
  if (messages.length > 0 && known?.feedback) messages.push(message('known-mistake', { feedback: known.feedback }));
  return { pass: messages.length === 0, messages, expected: null, actual: null };
}
