import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pause, Play, RotateCcw, Timer } from 'lucide-react';
import { clockText, pauseTimer, remainingAt, resetTimer, setTimerMinutes, startTimer, timerFinished, TIMER_PRESETS, usePresenter } from './presenter-store.ts';

/** How often the clock redraws while running (a quarter second keeps the seconds honest). */
const TICK_MS = 250;

/**
 * The exercise timer, large enough to read from the back of a room. Time up is said once in a
 * polite live region (and shown in words, not only in colour); nothing makes a sound.
 */
export function PresenterTimer() {
  const { t } = useTranslation();
  const timer = usePresenter((s) => s.timer);
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState('');
  const running = timer.endsAt !== null;
  const left = remainingAt(timer, now);

  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(id);
  }, [running]);

  useEffect(() => {
    if (!running) return;
    if (left <= 0) {
      timerFinished();
      setAnnouncement(t('presenter.timer.timeUpAnnounce', { n: Math.round(timer.durationMs / 60_000) }));
    } else if (left <= 60_000 && timer.durationMs > 60_000 && announcement === '') {
      setAnnouncement(t('presenter.timer.oneMinute'));
    }
  }, [running, left, timer.durationMs, announcement, t]);

  // A fresh start (or a reset) clears what was said, so the next time up is announced again.
  useEffect(() => {
    if (running && left > 60_000) setAnnouncement('');
  }, [running, left]);

  const up = !running && timer.remainingMs === 0;
  const state = up ? 'up' : running ? (left <= 60_000 ? 'last-minute' : 'running') : timer.remainingMs < timer.durationMs ? 'paused' : 'ready';
  const stateLabel = up
    ? t('presenter.timer.timeUp')
    : running
      ? t('presenter.timer.running')
      : state === 'paused'
        ? t('presenter.timer.paused')
        : t('presenter.timer.ready');
  const minutes = Math.round(timer.durationMs / 60_000);

  return (
    <section className={`presenter-timer ${state}`} aria-label={t('presenter.timer.label')} data-testid="presenter-timer">
      <div className="presenter-clock">
        <Timer aria-hidden className="presenter-clock-icon" />
        {/* The digits change every second: not a live region (that would talk over the room). */}
        <span className="presenter-clock-digits" data-testid="presenter-clock">
          {clockText(left)}
        </span>
        <span className="presenter-clock-state" data-testid="presenter-timer-state">
          {stateLabel}
        </span>
      </div>
      <div className="presenter-timer-controls">
        {running ? (
          <button className="btn" onClick={() => pauseTimer()} data-testid="presenter-timer-pause">
            <Pause aria-hidden /> {t('presenter.timer.pause')}
          </button>
        ) : (
          <button className="btn primary" onClick={() => startTimer()} data-testid="presenter-timer-start">
            <Play aria-hidden /> {state === 'paused' ? t('presenter.timer.resume') : t('presenter.timer.start')}
          </button>
        )}
        <button className="btn" onClick={resetTimer} data-testid="presenter-timer-reset">
          <RotateCcw aria-hidden /> {t('presenter.timer.reset')}
        </button>
        <div className="presenter-presets" role="group" aria-label={t('presenter.timer.presets')}>
          {TIMER_PRESETS.map((n) => (
            <button
              key={n}
              className="btn small"
              aria-pressed={minutes === n}
              title={t('presenter.timer.presetHint', { n })}
              onClick={() => setTimerMinutes(n)}
              data-testid={`presenter-preset-${n}`}
            >
              {t('presenter.timer.preset', { n })}
            </button>
          ))}
        </div>
      </div>
      <p className="sr-only" aria-live="polite" role="status" data-testid="presenter-timer-announce">
        {announcement}
      </p>
    </section>
  );
}
