import { z } from 'zod';
import { runOnFreshCopy, finalResult } from '../../grading/engine.ts';
import type { ResultSet } from '../../sql/protocol.ts';
import type { DefinitionFindings, SampleAnswers, StepCheckContext } from '../step-kind.ts';
import type { MessageCode } from '../../grading/messages.ts';
import type { Localized } from '../localized.ts';

/** Checks shared by the step kinds that run SQL on a database. */

/** SQLite's words for a name that does not exist in the database. */
const UNKNOWN_NAME = /no such (table|column|function)|has no column named/i;

/** The SQLite error when the SQL names a table or column the database lacks, else null. */
export function unknownNameError(ctx: StepCheckContext, database: string, setup: string | undefined, sql: string): string | null {
  const outcome = runOnFreshCopy(ctx, database, 'visible', setup, sql);
  if (outcome.ok || outcome.stage === 'database') return null;
  return UNKNOWN_NAME.test(outcome.error.message) ? outcome.error.message : null;
}

/** The final result of the SQL on the visible database, or null. */
export function resultOn(
  ctx: StepCheckContext,
  database: string,
  setup: string | undefined,
  sql: string,
  copy: 'visible' | 'variant' = 'visible',
): ResultSet | string {
  const outcome = runOnFreshCopy(ctx, database, copy, setup, sql);
  if (!outcome.ok)
    return outcome.stage === 'database'
      ? `database '${outcome.database}' is not available`
      : `${outcome.stage === 'setup' ? 'setup' : 'SQL'} error: ${outcome.error.message}`;
  return finalResult(outcome.results) ?? 'returns no rows';
}

/** Problems with the database and setup every SQL step shares. */
export function checkDatabase(ctx: StepCheckContext, database: string, setup: string | undefined): DefinitionFindings {
  const findings: DefinitionFindings = { problems: [], warnings: [] };
  if (!ctx.databaseIds.includes(database)) {
    findings.problems.push(`database '${database}' is not in the dataset catalog (known: ${ctx.databaseIds.join(', ') || 'none'})`);
    return findings;
  }
  if (setup !== undefined) {
    const outcome = runOnFreshCopy(ctx, database, 'visible', setup, 'SELECT 1');
    if (!outcome.ok && outcome.stage !== 'database') findings.problems.push(`setup fails: ${outcome.error.message}`);
  }
  return findings;
}

/** Merges findings. */
export function merge(...all: DefinitionFindings[]): DefinitionFindings {
  return { problems: all.flatMap((f) => f.problems), warnings: all.flatMap((f) => f.warnings) };
}

/** The answer of a step answered with SQL text. */
export const SqlAnswerSchema = z.strictObject({ sql: z.string() });

/** The parts every kind answered with SQL text shares: answer format, samples, databases. */
export function sqlAnswerParts<
  S extends {
    solution: string;
    starter: string;
    knownWrong: { sql: string; expect: MessageCode[]; feedback?: Localized | undefined }[];
    grading: { database?: string | undefined };
  },
>() {
  return {
    answerSchema: SqlAnswerSchema,
    answerDescription: 'SQL text',
    answerFromText: (text: string) => ({ sql: text }),
    samples: (step: S): SampleAnswers<{ sql: string }> => ({
      solution: { sql: step.solution },
      starter: { sql: step.starter },
      knownWrong: step.knownWrong.map((k) => ({ answer: { sql: k.sql }, expect: k.expect, feedback: k.feedback })),
    }),
    databases: (step: S, lesson: { dataset: string }) => [step.grading.database ?? lesson.dataset],
  };
}

/**
 * Checks shared by the SQL step kinds: the starter and known-wrong answers name only what the
 * database has (unless an error is their point), and a hidden variant exists to catch
 * hard-coded answers. Returns whether the variant exists, so the kind can run its solution there.
 */
export function checkSqlSamples(
  step: { starter: string; knownWrong: { sql: string; expect: readonly string[] }[] },
  spec: { database: string; setup?: string | undefined },
  ctx: StepCheckContext,
  found: DefinitionFindings,
): boolean {
  const snippets: [string, string, boolean][] = [
    ['the starter', step.starter, false],
    ...step.knownWrong.map((k, i): [string, string, boolean] => [`known-wrong answer ${i + 1}`, k.sql, k.expect.includes('sql-error')]),
  ];
  for (const [what, sql, errorExpected] of snippets) {
    const unknown = errorExpected ? null : unknownNameError(ctx, spec.database, spec.setup, sql);
    if (unknown) found.problems.push(`${what} names something the database lacks: ${unknown}`);
  }
  if (ctx.databases.bytes(spec.database, 'variant')) return true;
  found.warnings.push(`database '${spec.database}' has no hidden variant: hard-coded answers cannot be caught`);
  return false;
}
