import { z } from 'zod';
import type { ModelProjectFiles } from '../../models/project.ts';
import { PipelineSchema, type Pipeline } from '../../pipeline/schema.ts';
import type { Verdict } from '../../grading/compare.ts';
import { message } from '../../grading/messages.ts';
import { failed } from '../../grading/query-grader.ts';
import type { LessonAssets } from '../step-kind.ts';

/**
 * How a pipeline or models step names a pipeline or a model project: written inline in
 * lesson.json, or as a path under lessons/ (normally lessons/_reference/, the reference solutions
 * the command-line tools also run). Paths are resolved when the lesson is loaded (load.ts calls
 * the kind's resolveFiles), so the grader, the worker and the player only ever see content.
 *
 * - A pipeline: an inline saved pipeline, or `"_reference/pipeline/daily.pipeline.json"`.
 * - A model project: `"_reference/dbt"` (every file under that folder), an inline
 *   `{ "files": { "models/stg_orders.sql": "…" } }`, or a folder with changes
 *   `{ "from": "_reference/dbt", "files": { … replaced or added … }, "remove": ["models/marts/"] }`
 *   (a `remove` entry ending in `/` removes a folder). Starters and known-wrong answers are
 *   usually the reference with a file removed or changed.
 */

/** A path under lessons/, forward slashes, no `..`. */
const AssetPathSchema = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/, 'a path under lessons/ such as _reference/pipeline/daily.pipeline.json')
  .refine((p) => !p.split('/').includes('..'), 'must not climb out of lessons/');

/** A pipeline, inline or as the path of a `.pipeline.json` file under lessons/. */
export const PipelineRefSchema = z.union([
  PipelineSchema,
  AssetPathSchema.refine((p) => p.endsWith('.pipeline.json'), 'a pipeline file ends in .pipeline.json'),
]);

/** A pipeline reference as written. */
export type PipelineRef = z.output<typeof PipelineRefSchema>;

/** A model project, inline, as a folder under lessons/, or a folder with files replaced, added or removed. */
export const ProjectRefSchema = z.union([
  AssetPathSchema,
  z.strictObject({
    from: AssetPathSchema.optional(),
    files: z.record(z.string(), z.string()).default({}),
    remove: z.array(z.string()).default([]),
  }),
]);

/** A model project reference as written. */
export type ProjectRef = z.output<typeof ProjectRefSchema>;

/** The pipeline a reference names once resolved, or null while it is still a path (never after loading). */
export function pipelineOf(ref: PipelineRef): Pipeline | null {
  return typeof ref === 'string' ? null : ref;
}

/** The project a reference names once resolved (inline files, no `from` left), or null. */
export function projectOf(ref: ProjectRef): ModelProjectFiles | null {
  if (typeof ref === 'string' || ref.from !== undefined) return null;
  return { files: ref.files };
}

/** Reads a `.pipeline.json` under lessons/ and validates it. */
export function resolvePipelineRef(ref: PipelineRef, assets: LessonAssets, label: string): { ref: PipelineRef; problems: string[] } {
  if (typeof ref !== 'string') return { ref, problems: [] };
  const text = assets.read(ref);
  if (text === undefined) return { ref, problems: [`${label}: lessons/${ref} does not exist`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ref, problems: [`${label}: lessons/${ref} is not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  const parsed = PipelineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ref, problems: [`${label}: lessons/${ref} is not a saved pipeline (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`] };
  }
  return { ref: parsed.data, problems: [] };
}

/** Reads a project folder under lessons/ and applies the reference's changes. */
export function resolveProjectRef(ref: ProjectRef, assets: LessonAssets, label: string): { ref: ProjectRef; problems: string[] } {
  const spec = typeof ref === 'string' ? { from: ref, files: {}, remove: [] } : ref;
  if (spec.from === undefined) return { ref, problems: [] };
  const folder = spec.from.replace(/\/+$/, '');
  const paths = assets.list(`${folder}/`);
  if (paths.length === 0) return { ref, problems: [`${label}: lessons/${folder}/ holds no files`] };
  const files: Record<string, string> = {};
  for (const path of paths) files[path.slice(folder.length + 1)] = assets.read(path) ?? '';
  const problems: string[] = [];
  for (const removed of spec.remove) {
    const matches = Object.keys(files).filter((p) => (removed.endsWith('/') ? p.startsWith(removed) : p === removed));
    if (matches.length === 0) problems.push(`${label}: remove '${removed}' names no file of lessons/${folder}/`);
    for (const p of matches) delete files[p];
  }
  Object.assign(files, spec.files);
  return { ref: { files, remove: [] }, problems };
}

/** A workbench answer read from a file (the command-line grader): JSON, or the text itself so the answer check can say why not. */
export function jsonAnswerFromText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Runs a workbench grading; a problem of the lesson itself (a broken reference) becomes a 'lesson-error' verdict, never a throw. */
export async function gradeOrLessonError(grade: () => Promise<Verdict>): Promise<Verdict> {
  try {
    return await grade();
  } catch (e) {
    return failed([message('lesson-error', { message: e instanceof Error ? e.message : String(e) })]);
  }
}
