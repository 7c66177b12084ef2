import { useSyncExternalStore } from 'react';

/**
 * The interface's type scale from the design tokens (`--ui-scale` in styles/tokens.css: 1, or
 * larger in presenter mode). For what CSS cannot size by itself: Monaco's font size and the result
 * grid's row height are numbers in JavaScript.
 */
export function uiScale(): number {
  if (typeof document === 'undefined' || typeof getComputedStyle !== 'function') return 1;
  const value = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--ui-scale'));
  return Number.isFinite(value) && value > 0 ? value : 1;
}

function subscribe(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => {};
  // The scale changes with an attribute on <html> (data-presenter); the theme's does not matter but is cheap.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter', 'style', 'class'] });
  return () => observer.disconnect();
}

/** The current `--ui-scale`, re-read when presenter mode turns on or off. */
export function useUiScale(): number {
  return useSyncExternalStore(subscribe, uiScale, () => 1);
}
