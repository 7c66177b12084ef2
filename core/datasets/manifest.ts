import { z } from 'zod';
import { LayerSchema, LocalizedSchema } from './catalog.ts';

/**
 * The manifest a Hanbit Market build writes next to its data (`hanbit-manifest.json`): what was
 * generated (seed, size, counts), the story's dated facts, every planted data-quality problem with
 * its exact count and how to find it, and the experiments' true effects. Lessons check exact
 * numbers against it; the grader uses the variant's manifest the same way.
 */

/** Where the manifests are served from, relative to the app's base URL. */
export const MANIFEST_PATH = 'datasets/hanbit-manifest.json';

const count = z.number().int().nonnegative();

/** One planted data-quality problem. */
export const PlantedProblemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    layer: LayerSchema,
    /** 'hanbit-prod/order_items' or 'lake/hanbit/events/*.jsonl.gz'. */
    where: z.string().min(1),
    description: LocalizedSchema,
    count,
    /** The database the query runs on (a catalog id), or null for lake-file problems. */
    database: z.string().nullable(),
    /** A query on `database` returning exactly `count` as one value, or null for lake-file problems. */
    detectSql: z.string().nullable(),
    /** For lake-file problems: the rule that finds them, in words. */
    rule: LocalizedSchema.nullable(),
  })
  .refine((p) => (p.detectSql === null) === (p.database === null), 'detectSql and database come together')
  .refine((p) => p.detectSql !== null || p.rule !== null, 'a lake problem needs a rule');

/** One arm's observed numbers. */
const ArmObservedSchema = z.object({ units: count, conversions: count, rate: z.number().min(0).max(1) });

/** One A/B test. */
export const ManifestExperimentSchema = z.object({
  id: z.string(),
  description: LocalizedSchema,
  unit: z.enum(['customer', 'device']),
  window: z.object({ from: z.string(), to: z.string() }),
  arms: z.tuple([z.literal('control'), z.literal('treatment')]),
  allocation: z.object({ control: z.number(), treatment: z.number() }),
  /** The effect the generator built in: probabilities of the metric per arm. */
  trueEffect: z.object({ metric: z.string(), control: z.number(), treatment: z.number(), absoluteLift: z.number() }),
  /** What the logged tables show. */
  observed: z.object({ control: ArmObservedSchema, treatment: ArmObservedSchema }),
  srm: z
    .object({
      cause: LocalizedSchema,
      expectedRatio: z.number(),
      observed: z.object({ control: count, treatment: count }),
      chiSquare: z.number(),
    })
    .optional(),
});

/** A dated fact of the story (a holiday, the sale, the price change ...). */
export const StoryEventSchema = z.object({ id: z.string(), from: z.string(), to: z.string(), description: LocalizedSchema });

/** The whole manifest. */
export const HanbitManifestSchema = z.object({
  formatVersion: z.literal(1),
  generator: z.literal('hanbit'),
  generatorVersion: z.string(),
  seed: z.number().int(),
  size: z.enum(['small', 'large']),
  variant: z.boolean(),
  period: z.object({ start: z.string(), end: z.string(), timezone: z.literal('Asia/Seoul') }),
  /** Row counts per database id and table. */
  databases: z.record(z.string(), z.object({ file: z.string(), tables: z.record(z.string(), count) })),
  /** Lake files (relative to `lake.path`) with their line counts; empty when the lake was not written. */
  lake: z.object({
    /** The lake folder, relative to `root`. */
    path: z.string(),
    /** 'catalog': next to catalog.json (bundled); 'repository': the repository's root (the large lake, never bundled). */
    root: z.enum(['catalog', 'repository']).default('catalog'),
    files: z.array(
      z.object({
        name: z.string(),
        /** Lines of the content (after decompression). */
        lines: count,
        /** Bytes as stored (compressed for .gz files). */
        sizeBytes: count,
        /** Bytes after decompression. */
        uncompressedBytes: count,
      }),
    ),
  }),
  story: z.array(StoryEventSchema),
  plantedProblems: z.array(PlantedProblemSchema),
  experiments: z.array(ManifestExperimentSchema),
});

/** One planted problem. */
export type PlantedProblem = z.infer<typeof PlantedProblemSchema>;
/** One experiment's manifest entry. */
export type ManifestExperiment = z.infer<typeof ManifestExperimentSchema>;
/** The whole manifest. */
export type HanbitManifest = z.infer<typeof HanbitManifestSchema>;

/** Validates untrusted JSON as a manifest. */
export function parseManifest(json: unknown): { ok: true; manifest: HanbitManifest } | { ok: false; reason: string } {
  const result = HanbitManifestSchema.safeParse(json);
  if (result.success) return { ok: true, manifest: result.data };
  const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: `invalid manifest: ${problems.join('; ')}` };
}
