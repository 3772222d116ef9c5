import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/analyse.js';
import type { Rule } from '../../src/engine/rule.js';

export interface ValidCase {
  /** Why this near miss must stay silent. */
  name: string;
  code: string;
  path?: string;
}

export interface InvalidCase extends ValidCase {
  errors: { messageId: string; line: number }[];
}

/** Runs one rule over a snippet, as the engine would over a whole file. */
export function run(rule: Rule, code: string, path = 'src/example.ts') {
  return analyse([{ path, content: code }], [rule], { mode: 'all' }).findings;
}

/**
 * A rule's table test: every invalid case reports exactly the expected messages on the expected
 * lines; every valid case reports nothing.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(run(rule, c.code, c.path).map((f) => ({ messageId: f.messageId, line: f.line }))).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const found = run(rule, c.code, c.path).map((f) => ({ messageId: f.messageId, line: f.line }));
          expect(found).toEqual(c.errors);
        });
      }
    });
  });
}
