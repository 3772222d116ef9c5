import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withRulesTable } from '../src/review/rules-table.js';
import { RULES } from '../src/rules/index.js';

const root = join(import.meta.dirname, '..');

describe('README', () => {
  it('lists every rule with a link to its doc (npm run readme rewrites the table)', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toBe(withRulesTable(readme, RULES));
    for (const rule of RULES) expect(readme).toContain(`(docs/rules/${rule.id}.md)`);
  });

  it('shows the quick start commands', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm test');
    expect(readme).toContain('npx perf-review examples/email-platform');
  });
});
