import { z } from 'zod';
import { defineDoc } from '../persist/define-doc.ts';

/*
 * The learner's own model project on the Models screen, saved with their work (autosave, `.bak`,
 * recovery) like their queries. `project` stays null until they change something, so a learner
 * who never touched it gets the current starter project rather than a copy frozen at first visit.
 */

/** The saved project files (path to text), as `ModelProjectFiles`. */
export const ModelProjectFilesSchema = z.object({ files: z.record(z.string(), z.string()) });

export const ModelsDocV1 = z.object({
  version: z.literal(1),
  /** The learner's project, or null for the starter project. */
  project: ModelProjectFilesSchema.nullable().default(null),
  /** The file open in the editor when they left. */
  openPath: z.string().nullable().default(null),
});
/** The saved state of the Models screen. */
export type ModelsDoc = z.infer<typeof ModelsDocV1>;

/** The Models screen's document: the learner's project and the file they had open. */
export const modelsDoc = defineDoc({ key: 'models', version: 1, schema: ModelsDocV1 });
