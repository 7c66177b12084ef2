/**
 * The app's Content-Security-Policy, sent as a header with every `app://` response: the page
 * and, unlike a <meta> tag, every worker script too (workers ignore the page's meta policy).
 * index.html carries the same text in a <meta> tag for web mode; a test keeps the two equal.
 * No 'unsafe-eval' anywhere: Vega runs through vega-interpreter, sql.js needs only wasm.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  // A <base> tag or a form could send the learner's data elsewhere; the app uses neither.
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
