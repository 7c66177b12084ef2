import type { CheckReport } from '../../core/lessons/check.ts';

/** Prints the lesson checker's report as plain text for a terminal or a CI log. */

/** The report as lines of text: lessons, problems, warnings, notes, then the seed-idea coverage table. */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  const course = report.packs.filter((p) => p.inCourse);
  const samples = report.packs.filter((p) => !p.inCourse);
  lines.push(`lessons: ${report.packs.length} loaded (${course.length} on the course map, ${samples.length} samples/drafts in _ folders)`);
  for (const pack of report.packs) {
    const kinds = pack.lesson.steps.map((s) => s.kind).join(', ');
    lines.push(
      `  ${pack.inCourse ? ' ' : '_'} ${pack.lesson.id} (${pack.lesson.track} #${pack.lesson.order}): ${pack.lesson.steps.length} steps [${kinds}]`,
    );
  }
  lines.push('');
  lines.push(`problems: ${report.problems.length}`);
  for (const p of report.problems) lines.push(`  ✗ ${p.where}: ${p.message}`);
  if (report.warnings.length > 0) {
    lines.push(`warnings: ${report.warnings.length}`);
    for (const w of report.warnings) lines.push(`  ! ${w.where}: ${w.message}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push('');
  const covered = report.coverage.filter((r) => r.checkedBy.length > 0).length;
  lines.push(`seed-idea coverage (course lessons only): ${covered}/${report.coverage.length} ideas have an auto-checked step`);
  const width = Math.max(...report.coverage.map((r) => r.idea.id.length));
  for (const row of report.coverage) {
    const mark = row.checkedBy.length > 0 ? '✓' : row.lessons.length > 0 ? '~' : '·';
    const where =
      row.checkedBy.length > 0
        ? row.checkedBy.join(', ')
        : row.lessons.length > 0
          ? `named by ${row.lessons.join(', ')}, no checked step`
          : 'no lesson yet';
    lines.push(`  ${mark} ${row.idea.id.padEnd(width)}  ${where}`);
  }
  lines.push('');
  lines.push(report.problems.length === 0 ? 'lessons:check passed' : `lessons:check FAILED with ${report.problems.length} problem(s)`);
  return lines.join('\n');
}
