import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const repoRoot = join(import.meta.dirname, '..', '..');

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
}

describe('examples/email-platform, as the README runs it', () => {
  it('reports the N+1 in the route handler and leaves the near misses silent', async () => {
    const { code, stdout, stderr } = await cli(repoRoot, 'examples/email-platform', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    const nPlusOne = (json.findings as JsonFinding[]).filter((f) => f.rule === 'no-query-in-loop');
    // The events query inside `for (const email of recent)`; the batched route, cursor pagination
    // and chunked insert next to it must not be reported.
    expect(nPlusOne.map((f) => `${f.path}:${f.line}`)).toEqual(['examples/email-platform/src/routes/emails.ts:18']);
    expect(json.skipped).toEqual([]);
    expect(json.analysed).toHaveLength(5);
  });
});
