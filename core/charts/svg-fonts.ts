/*
 * Fonts inside an exported SVG. A chart exported as SVG names its font (Pretendard) but a viewer
 * without it installed draws Hangul as boxes. The app ships Pretendard as ~90 small woff2 files,
 * each for a unicode-range; an export embeds, as data URLs in an SVG <style>, only the files
 * whose range covers a character the SVG draws, so a Korean dashboard stays a few hundred KB.
 * Pure (no DOM): the renderer supplies the @font-face rules it loaded and fetches the bytes.
 */

/** One @font-face of a family: its descriptors as written and the absolute URL of its woff2 file. */
export interface FontFaceSource {
  family: string;
  /** The font-weight descriptor ('400', or a range '45 920' for a variable font). */
  weight: string;
  style: string;
  /** The unicode-range descriptor ('U+0-FF, U+AC00-D7A3'); empty means every character. */
  unicodeRange: string;
  url: string;
}

/** Code point intervals [first, last] of a CSS unicode-range ('U+AC00-D7A3, U+4??'). */
export function parseUnicodeRange(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim().replace(/^u\+/i, '');
    if (token === '') continue;
    const dash = token.indexOf('-');
    if (dash >= 0) {
      const a = parseInt(token.slice(0, dash), 16);
      const b = parseInt(token.slice(dash + 1), 16);
      if (Number.isFinite(a) && Number.isFinite(b)) out.push([a, b]);
    } else if (token.includes('?')) {
      out.push([parseInt(token.replaceAll('?', '0'), 16), parseInt(token.replaceAll('?', 'F'), 16)]);
    } else {
      const a = parseInt(token, 16);
      if (Number.isFinite(a)) out.push([a, a]);
    }
  }
  return out;
}

function descriptor(block: string, name: string): string | null {
  const m = new RegExp(`(?:^|[;{\\s])${name}\\s*:\\s*([^;}]*)`, 'i').exec(block);
  return m ? m[1]!.trim() : null;
}

/**
 * The @font-face rules of a family in CSS text (a stylesheet, or one rule's cssText as the
 * browser serialises it), their woff2 URLs resolved against `base`. Rules without a woff2 source
 * are skipped.
 */
export function fontFacesFromCss(css: string, base: string, family: string): FontFaceSource[] {
  const faces: FontFaceSource[] = [];
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (const m of css.matchAll(/@font-face\s*\{([^}]*)\}/gi)) {
    const block = m[1]!;
    const name = descriptor(block, 'font-family');
    if (!name || unquote(name) !== family) continue;
    const src = descriptor(block, 'src') ?? '';
    // The first url() of the source (a file, or a small file the bundler inlined as a data URL).
    const url = /url\(\s*(['"]?)([^'")]+)\1\s*\)/i.exec(src)?.[2];
    if (!url || !/woff2/i.test(src)) continue;
    faces.push({
      family,
      weight: descriptor(block, 'font-weight') ?? 'normal',
      style: descriptor(block, 'font-style') ?? 'normal',
      unicodeRange: descriptor(block, 'unicode-range') ?? '',
      url: new URL(url, base).href,
    });
  }
  return faces;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The characters an SVG draws: its text nodes (not attributes or tag names), entities decoded. */
export function svgTextCodePoints(svg: string): Set<number> {
  const points = new Set<number>();
  for (const m of svg.matchAll(/>([^<]+)</g)) {
    const text = m[1]!.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? all;
    });
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      // Spacing draws nothing.
      if (cp > 0x20) points.add(cp);
    }
  }
  return points;
}

/** The faces whose unicode-range covers at least one of the code points, in their order. */
export function facesFor(faces: readonly FontFaceSource[], points: ReadonlySet<number>): FontFaceSource[] {
  return faces.filter((face) => {
    if (face.unicodeRange.trim() === '') return points.size > 0;
    const ranges = parseUnicodeRange(face.unicodeRange);
    for (const cp of points) if (ranges.some(([a, b]) => cp >= a && cp <= b)) return true;
    return false;
  });
}

/** Base64 of bytes, in pieces (a spread of a whole font overflows the call stack). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** One @font-face rule with the file's bytes inline. */
export function inlineFontFace(face: FontFaceSource, bytes: Uint8Array): string {
  const range = face.unicodeRange.trim() ? `unicode-range:${face.unicodeRange};` : '';
  return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};${range}src:url(data:font/woff2;base64,${base64(bytes)}) format('woff2');}`;
}

/** The SVG with a <style> of CSS inserted first inside its root element (CDATA: the CSS needs no escaping). */
export function withStyle(svg: string, css: string): string {
  const open = /<svg\b[^>]*?(\/?)>/.exec(svg);
  if (!open || open[1] === '/') throw new Error('Not an SVG document with content');
  const at = open.index + open[0].length;
  return `${svg.slice(0, at)}<defs><style type="text/css"><![CDATA[${css.replaceAll(']]>', ']]]]><![CDATA[>')}]]></style></defs>${svg.slice(at)}`;
}

/**
 * The SVG with the faces it needs embedded: each face covering a character it draws is loaded
 * (by `load`) and inlined. A face that cannot be loaded is left out (the viewer's own font then
 * draws those characters); the rest still embed.
 */
export async function embedFonts(svg: string, faces: readonly FontFaceSource[], load: (url: string) => Promise<Uint8Array>): Promise<{ svg: string; embedded: FontFaceSource[] }> {
  const needed = facesFor(faces, svgTextCodePoints(svg));
  const loaded = await Promise.all(needed.map(async (face) => ({ face, bytes: await load(face.url).catch(() => null) })));
  const ok = loaded.filter((l): l is { face: FontFaceSource; bytes: Uint8Array } => l.bytes !== null);
  if (ok.length === 0) return { svg, embedded: [] };
  return { svg: withStyle(svg, ok.map((l) => inlineFontFace(l.face, l.bytes)).join('\n')), embedded: ok.map((l) => l.face) };
}
