import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SarifLog } from '../../src/review/sarif.js';
import { N_PLUS_ONE, cli, removeProject, tempProject } from './cli-harness.js';

let root: string;
beforeAll(async () => {
  root = await tempProject({ 'src/list.ts': N_PLUS_ONE, 'src/broken.ts': 'export const = ;\n' });
});
afterAll(() => removeProject(root));

describe('perf-review --format sarif', () => {
  it('prints one SARIF log with the findings relative to the working directory', async () => {
    const { code, stdout, stderr } = await cli(root, '--format', 'sarif');
    expect(stderr).toBe('');
    // The gate is the same as for every format: code scanning workflows pass --fail-on none.
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    const [run] = log.runs;
    expect(run!.tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(run!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
    const result = run!.results.find((r) => r.ruleId === 'no-query-in-loop');
    expect(result?.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'src/list.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5 },
    });
    expect(run!.invocations[0]!.toolExecutionNotifications.map((n) => n.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['src/broken.ts']);
  });

  it('exits 0 with --fail-on none', async () => {
    expect((await cli(root, '--format', 'sarif', '--fail-on', 'none')).code).toBe(0);
  });
});
