/**
 * Splits a lesson's prose (ko.md, en.md) into sections. The rule, for authors and translators:
 *
 *   text before the first section heading      → the intro (required, not empty)
 *   `## step: <step-id>`                       → the prose of that step, one per step, in step order
 *   `## recap`                                 → the closing recap (required, last)
 *
 * Any other level-2 heading is an error (use `###` inside a section). Headings inside fenced
 * code blocks (``` or ~~~) do not count.
 */

/** The prose of one language, by section. */
export interface LessonProse {
  intro: string;
  /** Step id → Markdown, in the file's order. */
  steps: { id: string; markdown: string }[];
  recap: string;
}

/** The prose, or the reasons it is malformed. */
export type ParseProseResult = { ok: true; prose: LessonProse } | { ok: false; problems: string[] };

const STEP_HEADING = /^##\s+step:\s*(\S+)\s*$/;
const RECAP_HEADING = /^##\s+recap\s*$/i;

/** Parses one language's Markdown into sections. */
export function parseProse(markdown: string): ParseProseResult {
  const problems: string[] = [];
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r?\n/);
  let fence: string | null = null;
  let current: { kind: 'intro' | 'step' | 'recap'; id: string; lines: string[] } = { kind: 'intro', id: '', lines: [] };
  const sections: (typeof current)[] = [current];
  lines.forEach((line, index) => {
    const fenceMark = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fenceMark) {
      if (fence === null) fence = fenceMark;
      else if (fence === fenceMark) fence = null;
    }
    if (fence !== null || fenceMark) {
      current.lines.push(line);
      return;
    }
    const step = STEP_HEADING.exec(line);
    if (step) {
      current = { kind: 'step', id: step[1] as string, lines: [] };
      sections.push(current);
    } else if (RECAP_HEADING.test(line)) {
      current = { kind: 'recap', id: '', lines: [] };
      sections.push(current);
    } else if (/^##\s/.test(line)) {
      problems.push(
        `line ${index + 1}: "${line.trim()}" is not a section heading; use "## step: <id>", "## recap", or ### inside a section`,
      );
    } else {
      current.lines.push(line);
    }
  });
  const text = (s: { lines: string[] }): string => s.lines.join('\n').trim();
  const intro = text(sections[0] as (typeof sections)[number]);
  if (intro === '') problems.push('the intro (text before the first "## step:") is empty');
  const recaps = sections.filter((s) => s.kind === 'recap');
  if (recaps.length === 0) problems.push('there is no "## recap" section');
  if (recaps.length > 1) problems.push('there is more than one "## recap" section');
  if (recaps.length === 1 && sections[sections.length - 1]?.kind !== 'recap') problems.push('"## recap" must be the last section');
  if (recaps.length === 1 && text(recaps[0] as (typeof sections)[number]) === '') problems.push('the recap is empty');
  const steps = sections.filter((s) => s.kind === 'step').map((s) => ({ id: s.id, markdown: text(s) }));
  const ids = steps.map((s) => s.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) problems.push(`"## step: ${id}" appears twice`);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, prose: { intro, steps, recap: text(recaps[0] as (typeof sections)[number]) } };
}
