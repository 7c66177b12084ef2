import { beforeEach, describe, expect, it } from 'vitest';
import {
  canStep,
  clockText,
  enterPresenter,
  exitPresenter,
  pauseTimer,
  remainingAt,
  resetTimer,
  revealedText,
  setTimerMinutes,
  setWalk,
  solutionStops,
  startTimer,
  stepLine,
  timerFinished,
  togglePresenter,
  usePresenter,
} from '../../../renderer/features/presenter/presenter-store.ts';

const SOLUTION = ['SELECT region,', '       COUNT(*) AS orders', '', 'FROM orders', 'GROUP BY region;'];

beforeEach(() => {
  exitPresenter();
  setWalk(null);
  usePresenter.setState({ revealed: 0, revealedFor: null });
  setTimerMinutes(5);
});

describe('presenter mode on and off', () => {
  it('the same command turns it on and off; Escape’s command turns it off', () => {
    togglePresenter();
    expect(usePresenter.getState().active).toBe(true);
    togglePresenter();
    expect(usePresenter.getState().active).toBe(false);
    enterPresenter();
    exitPresenter();
    expect(usePresenter.getState().active).toBe(false);
  });
});

describe('solution walk-through', () => {
  it('stops at every line with something on it; a blank line comes with the next', () => {
    expect(solutionStops(SOLUTION)).toEqual([0, 1, 3, 4]);
    expect(revealedText(SOLUTION, 0)).toBe('');
    expect(revealedText(SOLUTION, 2)).toBe('SELECT region,\n       COUNT(*) AS orders');
    expect(revealedText(SOLUTION, 3)).toBe('SELECT region,\n       COUNT(*) AS orders\n\nFROM orders');
    expect(revealedText(SOLUTION, 99)).toBe(SOLUTION.join('\n'));
  });

  it('Next and Previous move one line within the solution on show, never past either end', () => {
    enterPresenter();
    setWalk({ key: 'l/s1', lines: SOLUTION });
    expect(canStep(-1)).toBe(false);
    expect(canStep(1)).toBe(true);
    expect(stepLine(1)).toBe(1);
    expect(stepLine(1)).toBe(2);
    expect(stepLine(-1)).toBe(1);
    for (let i = 0; i < 10; i++) stepLine(1);
    expect(usePresenter.getState().revealed).toBe(4);
    expect(canStep(1)).toBe(false);
  });

  it('another step starts its own walk-through from the first line', () => {
    enterPresenter();
    setWalk({ key: 'l/s1', lines: SOLUTION });
    stepLine(1);
    stepLine(1);
    setWalk({ key: 'l/s2', lines: ['SELECT 1;'] });
    expect(canStep(-1)).toBe(false);
    expect(stepLine(1)).toBe(1);
  });

  it('nothing steps outside presenter mode', () => {
    setWalk({ key: 'l/s1', lines: SOLUTION });
    expect(canStep(1)).toBe(false);
  });
});

describe('exercise timer', () => {
  it('starts, pauses where it is, resumes and resets to its preset', () => {
    setTimerMinutes(3);
    startTimer(1_000);
    const running = usePresenter.getState().timer;
    expect(remainingAt(running, 61_000)).toBe(120_000);
    pauseTimer(61_000);
    const paused = usePresenter.getState().timer;
    expect(paused.endsAt).toBeNull();
    expect(remainingAt(paused, 500_000)).toBe(120_000);
    startTimer(100_000);
    expect(remainingAt(usePresenter.getState().timer, 160_000)).toBe(60_000);
    resetTimer();
    expect(usePresenter.getState().timer).toMatchObject({ endsAt: null, remainingMs: 180_000 });
  });

  it('stops at zero, and a start after time up runs the whole duration again', () => {
    setTimerMinutes(10);
    startTimer(0);
    expect(remainingAt(usePresenter.getState().timer, 700_000)).toBe(0);
    timerFinished();
    expect(usePresenter.getState().timer).toMatchObject({ endsAt: null, remainingMs: 0 });
    startTimer(0);
    expect(remainingAt(usePresenter.getState().timer, 0)).toBe(600_000);
  });

  it('shows m:ss, rounding up so 0:00 only appears when the time is really up', () => {
    expect(clockText(300_000)).toBe('5:00');
    expect(clockText(59_001)).toBe('1:00');
    expect(clockText(9_000)).toBe('0:09');
    expect(clockText(1)).toBe('0:01');
    expect(clockText(0)).toBe('0:00');
  });
});
