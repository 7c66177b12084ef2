import { z } from 'zod';

/*
 * Exactly the xAPI 1.0.3 statements this app emits, as a strict zod schema: the tests check the
 * builder against it, the local LRS in the tests validates every POST with it, and the main
 * process validates what the renderer hands it. Stricter than the spec where the spec allows
 * more than we send (unknown keys are refused), so a change to the statements shows up here.
 */

/** xAPI's version string for every statement. */
export const XAPI_VERSION = '1.0.3';

/** The ADL verbs this app uses. */
export const VERBS = {
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;

/** The ADL activity types this app uses: a step is an interaction, a lesson a lesson. */
export const ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/interaction',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
} as const;

/** An absolute IRI with a scheme and something after it (xAPI requires absolute IRIs for ids). */
export const IriSchema = z.string().refine((s) => {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}, 'must be an absolute IRI');

// RFC 4122 UUIDs (crypto.randomUUID makes version 4).
const UuidSchema = z.uuid();
// xAPI timestamps are ISO 8601 with a time zone.
const TimestampSchema = z.iso.datetime({ offset: true });
const NonEmpty = z.string().min(1);
/** RFC 5646 language tags as this app writes them (ko-KR, en-US). */
const LanguageTagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like ko-KR');

/** A language map with both of the app's languages. */
export const LanguageMapSchema = z.strictObject({ 'ko-KR': NonEmpty, 'en-US': NonEmpty });

/** The learner as an account on the company's system, never an e-mail address the app invents. */
export const ActorSchema = z.strictObject({
  objectType: z.literal('Agent'),
  account: z.strictObject({ homePage: IriSchema, name: NonEmpty }),
});

const VerbIdSchema = z.enum([VERBS.attempted, VERBS.passed, VERBS.failed, VERBS.completed]);

/** One of the four verbs, with its display in both languages. */
export const VerbSchema = z.strictObject({ id: VerbIdSchema, display: LanguageMapSchema });

/** A lesson step or a lesson, as an Activity with an IRI id. */
export const ActivitySchema = z.strictObject({
  objectType: z.literal('Activity'),
  id: IriSchema,
  definition: z.strictObject({
    name: LanguageMapSchema,
    type: z.enum([ACTIVITY_TYPES.interaction, ACTIVITY_TYPES.lesson]),
  }),
});

/** The parent lesson as a context activity (id and definition, like the object). */
const ParentSchema = ActivitySchema;

/** Extensions are keyed by absolute IRIs. */
const ExtensionsSchema = z.record(IriSchema, z.union([z.string(), z.number()]));

/** Score per xAPI: scaled in -1..1, raw between min and max. */
export const ScoreSchema = z
  .strictObject({ scaled: z.number().min(-1).max(1), raw: z.number(), min: z.number(), max: z.number() })
  .refine((s) => s.min < s.max && s.raw >= s.min && s.raw <= s.max, 'raw must lie between min and max, min below max');

/** A check's result: success, score and the time spent, as an ISO 8601 duration. */
export const CheckResultSchema = z.strictObject({
  success: z.boolean(),
  score: ScoreSchema,
  duration: z.iso.duration(),
  extensions: ExtensionsSchema.optional(),
});

/** A lesson's completion: completion and the time spent over its steps. */
export const CompletionResultSchema = z.strictObject({ completion: z.literal(true), duration: z.iso.duration() });

/** The context every statement carries: the attempt's registration, platform and language. */
export const ContextSchema = z.strictObject({
  registration: UuidSchema,
  contextActivities: z.strictObject({ parent: z.tuple([ParentSchema]) }).optional(),
  platform: NonEmpty,
  language: LanguageTagSchema,
});

/** One statement as this app emits it; verb, object type and result must agree. */
export const XapiStatementSchema = z
  .strictObject({
    id: UuidSchema,
    actor: ActorSchema,
    verb: VerbSchema,
    object: ActivitySchema,
    result: z.union([CheckResultSchema, CompletionResultSchema]).optional(),
    context: ContextSchema,
    timestamp: TimestampSchema,
    version: z.literal(XAPI_VERSION),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const isStep = s.object.definition.type === ACTIVITY_TYPES.interaction;
    const result = s.result;
    switch (s.verb.id) {
      case VERBS.attempted:
        if (!isStep) issue('attempted is said of a step');
        if (result) issue('attempted carries no result');
        break;
      case VERBS.passed:
      case VERBS.failed:
        if (!isStep) issue('passed and failed are said of a step');
        if (!result || !('success' in result)) issue('passed and failed carry a result with success, score and duration');
        else if (result.success !== (s.verb.id === VERBS.passed)) issue('result.success must agree with the verb');
        break;
      case VERBS.completed:
        if (isStep) issue('completed is said of a lesson');
        if (!result || !('completion' in result)) issue('completed carries a result with completion and duration');
        break;
    }
    // A step's statement names its lesson as the parent; the lesson's own statement has none.
    if (isStep && !s.context.contextActivities) issue('a step statement names its lesson in contextActivities.parent');
    if (!isStep && s.context.contextActivities) issue('a lesson statement has no parent');
  });

/** One statement as this app emits it. */
export type XapiStatement = z.infer<typeof XapiStatementSchema>;

/** A POST body: one statement or an array of them (the queue always sends an array). */
export const StatementBatchSchema = z.array(XapiStatementSchema).min(1);
