import { z } from 'zod';
import { defineDoc } from '../persist/define-doc.ts';
import { PipelineSchema } from './schema.ts';

/*
 * The learner's own pipelines on the Pipeline screen, saved with their work (autosave, `.bak`,
 * recovery) like their queries. A damaged pipeline is left out on load and the others stay.
 * Empty until the learner changes something: until then the screen shows the starter pipeline.
 */

export const PipelinesDocV1 = z.object({
  version: z.literal(1),
  /** The learner's pipelines by their id. */
  pipelines: z.record(z.string(), PipelineSchema).default({}),
  /** The pipeline open when they left (null: the first one, or the starter). */
  current: z.string().nullable().default(null),
});
/** The saved state of the Pipeline screen. */
export type PipelinesDoc = z.infer<typeof PipelinesDocV1>;

/** The Pipeline screen's document: the learner's pipelines and the one they had open. */
export const pipelinesDoc = defineDoc({ key: 'pipelines', version: 1, schema: PipelinesDocV1, entries: { pipelines: PipelineSchema } });
