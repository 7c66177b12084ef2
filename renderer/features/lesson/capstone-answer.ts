import type { CapstoneAnswer, CapstoneStage, CapstoneStageStatus } from '../../../core/grading/capstone-grader.ts';
import type { Message } from '../../../core/grading/messages.ts';
import { CapstoneAnswerSchema, capstoneSolution, capstoneStarter, type CapstoneStep } from '../../../core/lessons/kinds/capstone.ts';
import { useStore } from '../../state/store.ts';

/**
 * A capstone's answer as the lesson player keeps it: one JSON draft beside the SQL editors' and
 * workbenches' drafts (so it is saved with the learner's progress and survives a restart), read
 * back through the answer's schema; a damaged draft falls back to the starter.
 */

/** Where a capstone's answer is saved. */
export function capstoneDraftKey(key: string): string {
  return `lesson:${key}:capstone`;
}

/** The learner's saved answer, or the step's starter. */
export function capstoneAnswer(step: CapstoneStep, key: string): CapstoneAnswer {
  const text = useStore.getState().queries.drafts[capstoneDraftKey(key)];
  if (text !== undefined) {
    try {
      const parsed = CapstoneAnswerSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // A damaged draft falls back to the starter rather than breaking the step.
    }
  }
  return capstoneStarter(step);
}

/** Saves the whole answer (every edit of any stage). */
export function saveCapstoneAnswer(key: string, answer: CapstoneAnswer): void {
  useStore.getState().setDraft(capstoneDraftKey(key), JSON.stringify(answer));
}

/** Puts the reference answer in the step (after the learner chose to see the solution). */
export function putCapstoneSolution(step: CapstoneStep, key: string): void {
  saveCapstoneAnswer(key, capstoneSolution(step));
}

/** Each stage's status and messages from a verdict's summary; empty when the verdict has none (not checked, or it passed). */
export function stageResults(messages: readonly Message[] | undefined, pass: boolean): Partial<Record<CapstoneStage, { status: CapstoneStageStatus; messages: Message[] }>> {
  if (pass) return { load: { status: 'passed', messages: [] }, kpi: { status: 'passed', messages: [] }, tile: { status: 'passed', messages: [] }, decision: { status: 'passed', messages: [] } };
  const summary = messages?.find((m): m is Extract<Message, { code: 'capstone-stages' }> => m.code === 'capstone-stages');
  return Object.fromEntries((summary?.params.stages ?? []).map((s) => [s.stage, { status: s.status, messages: s.messages }]));
}

/** A message with its row or period examples cut to the first (the comparison tables hold them all), nested details too. */
export function compactMessage(m: Message): Message {
  const params = m.params as Record<string, unknown>;
  let next = params;
  if (Array.isArray(params.examples) && params.examples.length > 1) next = { ...next, examples: params.examples.slice(0, 1) };
  if (Array.isArray(params.details)) next = { ...next, details: (params.details as Message[]).map(compactMessage) };
  return next === params ? m : ({ ...m, params: next } as Message);
}

/** A failed capstone verdict taken apart: the lead ("stage N of 4 is the first not right"), that stage's messages (compact), the per-stage summary. */
export function capstoneVerdictParts(messages: readonly Message[]): {
  lead: Message;
  first: Message[];
  stages: Extract<Message, { code: 'capstone-stages' }>['params']['stages'];
} | null {
  const [lead, ...rest] = messages;
  if (lead?.code !== 'capstone-stage-failed') return null;
  const summary = rest.find((m): m is Extract<Message, { code: 'capstone-stages' }> => m.code === 'capstone-stages');
  return { lead, first: rest.filter((m) => m.code !== 'capstone-stages').map(compactMessage), stages: summary?.params.stages ?? [] };
}
