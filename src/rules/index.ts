import type { Rule } from '../engine/rule.js';
import noQueryInLoop from './no-query-in-loop.js';

/** Every rule, sorted by id. A meta-test keeps this list, the rule files, tests and docs in step. */
export const RULES: readonly Rule[] = [
  noQueryInLoop,
];
