/** The values a rule or checklist item may be set to. */
export const RULE_SETTINGS = ['off', 'minor', 'moderate', 'critical'] as const;
export const FAIL_ON_VALUES = ['critical', 'moderate', 'minor', 'none'] as const;
export const REVIEW_EVENTS = ['COMMENT', 'REQUEST_CHANGES'] as const;

const globs = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
} as const;

/**
 * The JSON schema of `.github/perf-review.yml`. Unknown keys are errors, not ignored: a misspelt
 * `failon` that silently does nothing is worse than a failed check that names it. Rule ids are
 * checked against the registry after the schema, so the message can suggest the id meant.
 */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: { type: 'object', additionalProperties: { enum: RULE_SETTINGS } },
    include: globs,
    exclude: globs,
    failOn: { enum: FAIL_ON_VALUES },
    maxInlineComments: { type: 'integer', minimum: 0 },
    reviewEvent: { enum: REVIEW_EVENTS },
    skipDrafts: { type: 'boolean' },
    // Empty would flag every cache key as missing its tenant: turning the rule off says that better.
    tenantKeys: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    batchLimit: { type: 'integer', minimum: 1 },
  },
} as const;

export const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA.properties);
