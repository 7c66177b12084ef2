import { useEffect, useState } from 'react';

/** Seconds since a start time, ticking while a query runs. */
export function ElapsedTimer({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const id = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(id);
  }, []);
  return <span className="tabular">{((now - since) / 1000).toFixed(1)} s</span>;
}
