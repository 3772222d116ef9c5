import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/engine/analyse.js';
import type { FileFacts } from '../../src/engine/facts/index.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import type { SourceInput } from '../../src/engine/types.js';

const inputs: SourceInput[] = [
  { path: 'src/db/schema.ts', content: `export const TABLES = ['emails', 'events'];\n` },
  { path: 'src/routes/emails.ts', content: `export const route = 'emails';\n` },
  { path: 'src/broken.ts', content: `export const TABLES = (;\n` },
  { path: 'src/jobs/send.ts', content: `export const job = 'send';\n` },
];

/** A cross-file rule: it reports, in every file, the names the schema files declare. */
function tablesRule(id: string, summarise: (facts: FileFacts) => string[]): Rule<string[], string[]> {
  return defineRule<string[], string[]>({
    id,
    checklist: 'db.indexes',
    severity: 'minor',
    docs: { description: 'test' },
    messages: { tables: 'tables: {{names}}' },
    summarise,
    prepare: (parts) => parts.flat(),
    prepareFrom: /TABLES/,
    applies: () => true,
    check(facts, ctx) {
      ctx.report({ node: facts.source.statements[0]!, messageId: 'tables', data: { names: ctx.project.join(',') } });
    },
  });
}

describe('rules that see across files', () => {
  it('summarise each matching file once for the rules that share it, before any file is checked', () => {
    const summarised: string[] = [];
    const summarise = (facts: FileFacts): string[] => {
      summarised.push(facts.path);
      return facts.path.includes('schema') ? ['emails', 'events'] : [];
    };
    const result = analyse(inputs, [tablesRule('a', summarise), tablesRule('b', summarise)], { mode: 'all' });

    // Only the text that can matter, once for both rules; the unparsable file is not summarised.
    expect(summarised).toEqual(['src/db/schema.ts']);
    // Every analysed file, the first one included, is checked with the complete project context.
    expect(result.findings.map((f) => `${f.rule} ${f.path}: ${f.message}`).sort()).toEqual([
      'a src/db/schema.ts: tables: emails,events',
      'a src/jobs/send.ts: tables: emails,events',
      'a src/routes/emails.ts: tables: emails,events',
      'b src/db/schema.ts: tables: emails,events',
      'b src/jobs/send.ts: tables: emails,events',
      'b src/routes/emails.ts: tables: emails,events',
    ]);
    // A file analysed twice is counted, and reported as skipped, once.
    expect(result.analysed).toEqual(['src/db/schema.ts', 'src/routes/emails.ts', 'src/jobs/send.ts']);
    expect(result.skipped).toEqual([{ path: 'src/broken.ts', reason: expect.stringMatching(/^does not parse: /) }]);
    expect(result.stats.files).toBe(3);
  });

  it('give a rule whose summary is turned off nothing to build from, and build nothing for rules turned off', () => {
    const summarised: string[] = [];
    const rule = tablesRule('a', (facts) => {
      summarised.push(facts.path);
      return [];
    });
    const result = analyse(inputs, [rule], { mode: 'all', rules: { a: 'off' } });
    expect(summarised).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
