import { embedFonts, fontFacesFromCss, type FontFaceSource } from '../../core/charts/svg-fonts.ts';

/*
 * The app's own font (Pretendard, the dynamic-subset woff2 files the app ships and its
 * stylesheet declares) embedded in an exported SVG, so Korean text draws in any viewer.
 */

/** The family the charts draw with (renderer/charts/vega-config.ts) and the app's stylesheet declares. */
export const CHART_FONT_FAMILY = 'Pretendard Variable';

/** The @font-face rules of a family among the document's loaded stylesheets, URLs resolved against each sheet. */
export function documentFontFaces(family = CHART_FONT_FAMILY, doc: Document = document): FontFaceSource[] {
  const faces: FontFaceSource[] = [];
  for (const sheet of Array.from(doc.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      // A stylesheet of another origin cannot be read; the app's own are.
      continue;
    }
    const base = sheet.href ?? doc.baseURI;
    for (const rule of Array.from(rules)) {
      if (rule.cssText.startsWith('@font-face')) faces.push(...fontFacesFromCss(rule.cssText, base, family));
    }
  }
  return faces;
}

const bytes = new Map<string, Promise<Uint8Array>>();

/** A font file's bytes, fetched once per session (the browser's cache usually has it already). */
function fontBytes(url: string): Promise<Uint8Array> {
  let pending = bytes.get(url);
  if (!pending) {
    pending = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    bytes.set(url, pending);
    pending.catch(() => bytes.delete(url));
  }
  return pending;
}

/** The SVG with the app font's files that cover its text embedded as data URLs. */
export async function embedAppFont(svg: string): Promise<string> {
  return (await embedFonts(svg, documentFontFaces(), fontBytes)).svg;
}
