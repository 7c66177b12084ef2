import { z } from 'zod';

/** The languages every lesson ships in. */
export const LANGS = ['ko', 'en'] as const;

/** A lesson language. */
export type Lang = (typeof LANGS)[number];

/** A string that is not only whitespace: an empty hint or label is a content bug, not a choice. */
export const NonBlankSchema = z.string().refine((s) => s.trim().length > 0, 'must not be empty');

/** A short text in Korean and English, side by side. */
export const LocalizedSchema = z.strictObject({ ko: NonBlankSchema, en: NonBlankSchema });

/** A short text in Korean and English. */
export type Localized = z.infer<typeof LocalizedSchema>;
