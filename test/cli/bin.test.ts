import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N_PLUS_ONE, removeProject, tempProject } from './cli-harness.js';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');
const built = await access(bin).then(
  () => true,
  () => false,
);

let root: string;
beforeAll(async () => {
  root = await tempProject({ 'src/list.ts': N_PLUS_ONE });
});
afterAll(() => removeProject(root));

describe('the built perf-review bin', () => {
  it.skipIf(!built)(`runs as \`node dist/cli/main.js\`${built ? '' : ' (skipped: dist/cli/main.js is missing; `npm test` builds it first)'}`, async () => {
    const result = await promisify(execFile)(process.execPath, [bin, '--format', 'json'], { cwd: root }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings[0]).toMatchObject({ rule: 'no-query-in-loop', path: 'src/list.ts', line: 5 });
  });
});
