import type { SeedIdea } from './seed-ideas.ts';

/**
 * Reads the curriculum map (curriculum.md) so the checker can prove the seed-idea list still
 * matches it: the document is maintained by people, the list by code, and they drift apart.
 */

/** One table row of the curriculum map. */
export interface CurriculumRow {
  /** 't0' … 't6', from the `## Track N` heading above the table. */
  track: string;
  /** The first cell: the seed idea. */
  idea: string;
}

/** Every seed-idea table row under a `## Track N` heading, in order. */
export function readCurriculumRows(markdown: string): CurriculumRow[] {
  const rows: CurriculumRow[] = [];
  let track: string | null = null;
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^##\s+Track\s+(\d+)\b/.exec(line);
    if (heading) {
      track = `t${heading[1]}`;
      continue;
    }
    if (line.startsWith('## ')) {
      track = null;
      continue;
    }
    if (track === null || !line.startsWith('|')) continue;
    const cells = line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
    const first = cells[0] ?? '';
    // The header row and the |---| separator are not ideas.
    if (first === 'seed idea' || /^-+$/.test(first) || first === '') continue;
    rows.push({ track, idea: first });
  }
  return rows;
}

/** Why the seed-idea list no longer matches the curriculum rows (empty when it does). */
export function compareWithCurriculum(rows: readonly CurriculumRow[], ideas: readonly SeedIdea[]): string[] {
  const problems: string[] = [];
  if (rows.length !== ideas.length) {
    problems.push(`curriculum.md has ${rows.length} seed-idea rows but core/lessons/seed-ideas.ts lists ${ideas.length}`);
  }
  for (const row of rows) {
    if (!ideas.some((i) => i.track === row.track && i.idea === row.idea)) {
      problems.push(`curriculum.md row "${row.idea}" (${row.track}) has no seed idea in core/lessons/seed-ideas.ts`);
    }
  }
  for (const idea of ideas) {
    if (!rows.some((r) => r.track === idea.track && r.idea === idea.idea)) {
      problems.push(`seed idea '${idea.id}' ("${idea.idea}") is no longer a row of curriculum.md`);
    }
  }
  return problems;
}
