import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalog } from '../../core/datasets/catalog.ts';
import { parsePipelineJson } from '../../core/pipeline/parse.ts';
import type { Pipeline } from '../../core/pipeline/schema.ts';

/**
 * Node only: reading a saved pipeline file and finding what it names (the target database's file
 * and the lake folder) in a datasets folder, by default the app's public/datasets. Shared by the
 * `npm run pipeline` subcommands.
 */

/** The app's built datasets folder. */
export const DEFAULT_DATASETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/datasets');

/** A pipeline file that cannot be used, with every reason. */
export class PipelineFileError extends Error {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PipelineFileError';
    this.problems = problems;
  }
}

/** Reads and checks a `.pipeline.json` file. */
export async function readPipelineFile(file: string): Promise<Pipeline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new PipelineFileError(file, [`cannot read the file (${e instanceof Error ? e.message : String(e)})`]);
  }
  const parsed = parsePipelineJson(text);
  if (!parsed.ok) throw new PipelineFileError(file, parsed.problems);
  return parsed.pipeline;
}

/** Where a pipeline's database file and lake folder are. */
export interface PipelineInputs {
  databaseFile: string;
  lakeDir: string;
}

/** Finds the pipeline's target database (by catalog id) and lake folder under a datasets folder. */
export async function pipelineInputs(pipeline: Pipeline, datasetsDir = DEFAULT_DATASETS_DIR): Promise<PipelineInputs> {
  const catalogFile = join(datasetsDir, 'catalog.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(catalogFile, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the dataset catalog ${catalogFile} (${e instanceof Error ? e.message : String(e)}); run npm run datasets first`, { cause: e });
  }
  const parsed = parseCatalog(json);
  if (!parsed.ok) throw new Error(`${catalogFile}: ${parsed.reason}`);
  const db = parsed.catalog.databases.find((d) => d.id === pipeline.database);
  if (!db) {
    const known = parsed.catalog.databases.map((d) => d.id).join(', ');
    throw new Error(`the pipeline loads into '${pipeline.database}', which the catalog does not have (it has: ${known})`);
  }
  return { databaseFile: join(datasetsDir, db.file), lakeDir: join(datasetsDir, 'lake', pipeline.lake) };
}
