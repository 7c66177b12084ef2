import { create } from 'zustand';

/**
 * Presenter mode's own state: whether the lesson is being projected, how far the step's solution
 * has been walked through, and the exercise timer. Kept apart from the learner's progress on
 * purpose: presenting a step never marks a hint used, a solution revealed or a check made.
 */

/** The timer's presets in minutes (short exercises in a workshop). */
export const TIMER_PRESETS = [3, 5, 10] as const;

/** The exercise timer: a duration, and either the moment it ends (running) or what is left (paused). */
export interface TimerState {
  durationMs: number;
  /** Epoch milliseconds at which a running timer reaches zero; null while paused or stopped. */
  endsAt: number | null;
  /** What is left while paused (the duration before a start). */
  remainingMs: number;
}

interface PresenterState {
  active: boolean;
  /** How many of the solution's stops (its non-blank lines) are shown; 0 before the first. */
  revealed: number;
  /** The step the walk-through belongs to; another step starts it again. */
  revealedFor: string | null;
  /** The solution on show (set by the presenter view for its step), so the palette's Next line can reach it. */
  walk: { key: string; lines: string[] } | null;
  timer: TimerState;
}

const FIVE_MINUTES = 5 * 60_000;

/** The presenter store (a feature store of its own, changed by the named actions below). */
export const usePresenter = create<PresenterState>(() => ({
  active: false,
  revealed: 0,
  revealedFor: null,
  walk: null,
  timer: { durationMs: FIVE_MINUTES, endsAt: null, remainingMs: FIVE_MINUTES },
}));

/** Starts projecting the lesson on show. */
export function enterPresenter(): void {
  usePresenter.setState({ active: true });
}

/** Back to the ordinary lesson player (the timer keeps its state for the next time). */
export function exitPresenter(): void {
  usePresenter.setState({ active: false });
}

/** Presenter mode on or off: the palette's command, its shortcut and the player's button. */
export function togglePresenter(): void {
  if (usePresenter.getState().active) exitPresenter();
  else enterPresenter();
}

/**
 * The lines of a solution at which the walk-through stops: every line with something on it. A blank
 * line is shown together with the line after it, so Next never seems to do nothing.
 */
export function solutionStops(lines: readonly string[]): number[] {
  return lines.flatMap((line, i) => (line.trim() === '' ? [] : [i]));
}

/** The text shown after `revealed` stops: every line up to and including the current stop. */
export function revealedText(lines: readonly string[], revealed: number): string {
  const stops = solutionStops(lines);
  if (revealed <= 0 || stops.length === 0) return '';
  const last = stops[Math.min(revealed, stops.length) - 1]!;
  return lines.slice(0, last + 1).join('\n');
}

/** How many stops are shown for `stepKey` (0 when the walk-through was for another step). */
export function revealedFor(stepKey: string): number {
  const s = usePresenter.getState();
  return s.revealedFor === stepKey ? s.revealed : 0;
}

/** The presenter view names the step on show and its solution's lines (null: none on show). */
export function setWalk(walk: { key: string; lines: string[] } | null): void {
  usePresenter.setState({ walk });
}

/** Whether the walk-through on show can go one line further (+1) or back (-1). */
export function canStep(delta: -1 | 1): boolean {
  const { walk, active } = usePresenter.getState();
  if (!active || !walk) return false;
  const shown = revealedFor(walk.key);
  return delta === 1 ? shown < solutionStops(walk.lines).length : shown > 0;
}

/** Shows one more line of the solution on show (-1: hides the last one); returns the new count. */
export function stepLine(delta: -1 | 1): number {
  const { walk } = usePresenter.getState();
  if (!walk) return 0;
  const total = solutionStops(walk.lines).length;
  const next = Math.max(0, Math.min(total, revealedFor(walk.key) + delta));
  usePresenter.setState({ revealed: next, revealedFor: walk.key });
  return next;
}

/** What is left on the timer at `now` (never below zero). */
export function remainingAt(timer: TimerState, now: number): number {
  return timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - now);
}

/** Starts (or resumes) the timer; a timer at zero starts its duration again. */
export function startTimer(now = Date.now()): void {
  const { timer } = usePresenter.getState();
  if (timer.endsAt !== null) return;
  const left = timer.remainingMs > 0 ? timer.remainingMs : timer.durationMs;
  usePresenter.setState({ timer: { ...timer, endsAt: now + left, remainingMs: left } });
}

/** Pauses the timer where it is. */
export function pauseTimer(now = Date.now()): void {
  const { timer } = usePresenter.getState();
  if (timer.endsAt === null) return;
  usePresenter.setState({ timer: { ...timer, endsAt: null, remainingMs: remainingAt(timer, now) } });
}

/** Stops the timer and puts its whole duration back. */
export function resetTimer(): void {
  const { timer } = usePresenter.getState();
  usePresenter.setState({ timer: { ...timer, endsAt: null, remainingMs: timer.durationMs } });
}

/** Chooses a preset (minutes): the timer stops at its full new duration, ready to start. */
export function setTimerMinutes(minutes: number): void {
  const durationMs = minutes * 60_000;
  usePresenter.setState({ timer: { durationMs, endsAt: null, remainingMs: durationMs } });
}

/** Called by the running clock when it reaches zero: the timer stops at 0:00. */
export function timerFinished(): void {
  const { timer } = usePresenter.getState();
  usePresenter.setState({ timer: { ...timer, endsAt: null, remainingMs: 0 } });
}

/** A duration as the clock shows it: `m:ss`, rounded up so 0:00 means the time is really up. */
export function clockText(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
