/** Milliseconds as an ISO 8601 duration, the form xAPI results use: 83500 -> PT1M23.5S, 0 -> PT0S. */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  // Seconds keep up to three decimals, without trailing zeros (23.5, not 23.500).
  const seconds = (millis / 1000).toFixed(3).replace(/\.?0+$/, '');
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (seconds !== '0' || out === 'PT') out += `${seconds}S`;
  return out;
}
