import { RULES } from '../rules/index.js';
import { analyse } from './analyse.js';
import type { EngineOptions, ReviewResult, SourceInput } from './types.js';

export type * from './types.js';
export { CHECKLIST, SEVERITIES, severityRank, type ChecklistId, type Severity } from './checklist.js';

/** Reviews files with every registered rule: the one entry point the App, CLI and Actions share. */
export function review(inputs: SourceInput[], options: EngineOptions): ReviewResult {
  return analyse(inputs, RULES, options);
}
