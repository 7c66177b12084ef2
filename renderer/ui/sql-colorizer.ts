/**
 * SQL highlighting with Monaco's own colorizer, so hints and solutions look like the editor.
 * Monaco is large: it is imported on first use (never in the first-screen bundle), and callers
 * show plain monospace text until it is ready.
 */

type Colorize = (code: string, dark: boolean) => Promise<string>;

let loading: Promise<Colorize> | null = null;
const cache = new Map<string, string>();

function load(): Promise<Colorize> {
  loading ??= Promise.all([
    import('../editor/monaco-bundle.js'),
    // The editor module defines the app's datalit-light/dark themes (and is the same lazy chunk).
    import('../editor/SqlEditor.tsx'),
  ]).then(([monaco]) => async (code: string, dark: boolean) => {
    // Token colours come from the global Monaco theme; the editor sets the same one when shown.
    monaco.editor.setTheme(dark ? 'datalit-dark' : 'datalit-light');
    const html = await monaco.editor.colorize(code, 'sql', { tabSize: 2 });
    // Monaco renders spaces as no-break spaces: plain ones let long lines wrap and copy cleanly.
    return html.replace(/&#160;|\u00a0/g, ' ').replace(/<br\/>$/, '');
  });
  return loading;
}

/** HTML for `code` highlighted as SQL, already computed; null until colorizeSql has run once. */
export function colorizedSql(code: string, dark: boolean): string | null {
  return cache.get(`${dark ? 'd' : 'l'}:${code}`) ?? null;
}

/**
 * `code` highlighted as SQL: Monaco's HTML (text escaped by Monaco, token classes `mtkN` whose
 * colours follow the theme; the class numbers differ per theme, hence the theme in the key).
 */
export async function colorizeSql(code: string, dark: boolean): Promise<string> {
  const key = `${dark ? 'd' : 'l'}:${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = await (await load())(code, dark);
  cache.set(key, html);
  return html;
}
