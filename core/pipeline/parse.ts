import { PipelineSchema, type Pipeline } from './schema.ts';

/** A saved pipeline read from text: the pipeline, or every problem with its path in the file. */
export type ParsePipelineResult = { ok: true; pipeline: Pipeline } | { ok: false; problems: string[] };

/** Reads a `.pipeline.json` text; problems name where they are ('tasks.1.source.format: …'). */
export function parsePipelineJson(text: string): ParsePipelineResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = PipelineSchema.safeParse(json);
  if (parsed.success) return { ok: true, pipeline: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`),
  };
}
