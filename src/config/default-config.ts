import { DEFAULT_RULE_SETTINGS } from '../engine/rule.js';
import type { PerfReviewConfig } from './types.js';

/** Where the App and the CLI look for the configuration, relative to the repository root. */
export const CONFIG_PATH = '.github/perf-review.yml';

/** The name Probot's `context.config` takes: it looks in `.github/` itself. */
export const CONFIG_FILE_NAME = 'perf-review.yml';

/** Every key's default: an absent or empty file behaves exactly like this. */
export const DEFAULT_CONFIG: PerfReviewConfig = Object.freeze({
  rules: Object.freeze({}),
  include: Object.freeze([]),
  exclude: Object.freeze([]),
  failOn: 'critical',
  // The specification's cap: more inline comments than this bury the ones that matter.
  maxInlineComments: 25,
  reviewEvent: 'COMMENT',
  skipDrafts: false,
  tenantKeys: Object.freeze([...DEFAULT_RULE_SETTINGS.tenantKeys]),
  batchLimit: DEFAULT_RULE_SETTINGS.batchLimit,
});
