import { z } from 'zod';
import { LocalizedSchema, NonBlankSchema } from './localized.ts';
import { findSeedIdea, TRACK_IDS } from './seed-ideas.ts';
import { IdSchema } from './step-base.ts';
import { StepSchema } from './step-kinds.ts';

/** The lesson definition file (lesson.json), validated before use. */

/** The lesson format this app reads and writes. Bump it and add a rung to LESSON_MIGRATIONS (migrate.ts) when the format changes. */
export const LESSON_FORMAT_VERSION = 1;

/** What the learner will be able to do, and which seed ideas of the curriculum it serves. */
export const ObjectiveSchema = z.strictObject({
  id: IdSchema,
  text: LocalizedSchema,
  /** Seed-idea ids from core/lessons/seed-ideas.ts (the rows of curriculum.md). */
  seedIdeas: z.array(NonBlankSchema).min(1, 'name at least one seed idea from curriculum.md'),
});

/** One lesson's definition. Long prose lives in ko.md and en.md next to it. */
export const LessonSchema = z
  .strictObject({
    /** Always the current format here: older packs are migrated before they are parsed (migrate.ts). */
    formatVersion: z.literal(LESSON_FORMAT_VERSION),
    /** Globally unique; equals the lesson's folder name, e.g. 't0-l1-first-query'. */
    id: IdSchema,
    track: z.enum(TRACK_IDS),
    /** Position within the track (unique within the track). */
    order: z.number().int().nonnegative(),
    title: LocalizedSchema,
    /** Estimated minutes to complete. */
    minutes: z.number().int().positive(),
    /** The colleague's question that starts the lesson. */
    question: LocalizedSchema,
    objectives: z.array(ObjectiveSchema).min(1),
    /** The default database (catalog id) for every step. */
    dataset: IdSchema,
    steps: z.array(StepSchema).min(1),
  })
  .superRefine((lesson, ctx) => {
    // Sets, not indexOf: the checks stay linear however many steps a lesson has.
    const objectiveIds = new Set<string>();
    lesson.objectives.forEach(({ id }, i) => {
      if (objectiveIds.has(id)) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `duplicate objective id '${id}'` });
      objectiveIds.add(id);
    });
    lesson.objectives.forEach((o, i) => {
      o.seedIdeas.forEach((idea, j) => {
        if (!findSeedIdea(idea))
          ctx.addIssue({ code: 'custom', path: ['objectives', i, 'seedIdeas', j], message: `unknown seed idea '${idea}'` });
      });
    });
    const stepIds = new Set<string>();
    lesson.steps.forEach(({ id }, i) => {
      if (stepIds.has(id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id '${id}'` });
      stepIds.add(id);
    });
    lesson.steps.forEach((step, i) => {
      step.objectives.forEach((id, j) => {
        if (!objectiveIds.has(id))
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'objectives', j], message: `unknown objective '${id}'` });
      });
    });
    const practised = new Set(lesson.steps.flatMap((s) => s.objectives));
    for (const objective of lesson.objectives) {
      if (!practised.has(objective.id)) {
        ctx.addIssue({ code: 'custom', path: ['objectives'], message: `objective '${objective.id}' is practised by no step` });
      }
    }
  });

/** A lesson definition. */
export type Lesson = z.output<typeof LessonSchema>;
/** A lesson objective. */
export type Objective = z.output<typeof ObjectiveSchema>;
