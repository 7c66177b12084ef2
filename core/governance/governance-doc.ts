import { z } from 'zod';
import { PiiClassSchema } from '../datasets/catalog.ts';
import { defineDoc } from '../persist/define-doc.ts';

/*
 * The learner's governance work, saved with the rest of their work (autosave, `.bak`, recovery):
 * their PII tags, their quality-check file, their masked views, and the workspace key that keys
 * their pseudonyms. The reference tags, the reference checks and the lineage come with the app.
 */

/** A masked view the learner wrote (its CREATE VIEW statement), on a database. */
export const MaskedViewSchema = z.object({
  name: z.string().min(1),
  database: z.string().min(1),
  sql: z.string(),
  savedAt: z.string(),
});
/** A saved masked view. */
export type MaskedView = z.infer<typeof MaskedViewSchema>;

export const GovernanceDocV1 = z.object({
  version: z.literal(1),
  /** The learner's PII tags by catalogue key (core/governance/types.ts CatalogueEntry.key). */
  tags: z.record(z.string(), PiiClassSchema).default({}),
  /** The learner's quality-check YAML; empty means "start from the reference example". */
  checksYaml: z.string().default(''),
  /**
   * The workspace key of `pseudonym(value)` (HMAC-SHA256), 64 hex characters, made once per
   * workspace (crypto.getRandomValues); empty until first needed. The same key gives the same
   * pseudonyms across sessions; another workspace's pseudonyms differ.
   */
  workspaceKey: z
    .string()
    .regex(/^(?:[0-9a-f]{64})?$/, 'must be 64 lowercase hex characters')
    .default(''),
  /** The learner's masked views, by name. */
  maskedViews: z.record(z.string(), MaskedViewSchema).default({}),
});
/** The saved state of the Governance screen. */
export type GovernanceDoc = z.infer<typeof GovernanceDocV1>;

/** The Governance screen's document. */
export const governanceDoc = defineDoc({
  key: 'governance',
  version: 1,
  schema: GovernanceDocV1,
  entries: { maskedViews: MaskedViewSchema },
});
