import { useEffect, useState } from 'react';

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

/** Whether the app shows its dark theme; follows the attribute App sets, so views redraw on a switch. */
export function useDarkTheme(): boolean {
  const [dark, setDark] = useState(isDark);
  useEffect(() => {
    const obs = new MutationObserver(() => setDark(isDark()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  return dark;
}
