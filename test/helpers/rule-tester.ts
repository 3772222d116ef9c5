import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/analyse.js';
import type { Rule } from '../../src/engine/rule.js';

export interface ValidCase {
  /** Why this near miss must stay silent. */
  name: string;
  code: string;
  path?: string;
  /** Other files reviewed together with this one (a schema module), by path: for rules that `prepare`. */
  files?: Record<string, string>;
}

export interface InvalidCase extends ValidCase {
  errors: { messageId: string; line: number }[];
}

/** Runs one rule over a snippet, as the engine would over a whole file; findings in `files` are not returned. */
export function run(rule: Rule, code: string, path = 'src/example.ts', files: Record<string, string> = {}) {
  const others = Object.entries(files).map(([other, content]) => ({ path: other, content }));
  return analyse([{ path, content: code }, ...others], [rule], { mode: 'all' }).findings.filter((f) => f.path === path);
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
          expect(run(rule, c.code, c.path, c.files).map((f) => ({ messageId: f.messageId, line: f.line }))).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const found = run(rule, c.code, c.path, c.files).map((f) => ({ messageId: f.messageId, line: f.line }));
          expect(found).toEqual(c.errors);
        });
      }
    });
  });
}
