import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

interface Step {
  id?: string;
  name?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

async function action(): Promise<ActionMetadata> {
  return parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;
}

describe('action.yml', () => {
  it('names and describes the action', async () => {
    const { name, description } = await action();
    expect(name).toBe('perf-review');
    expect(description.length).toBeGreaterThan(40);
  });

  it('takes fail-on, config, format and github-token, each described and with a default', async () => {
    const { inputs } = await action();
    expect(Object.keys(inputs).sort()).toEqual(['config', 'fail-on', 'format', 'github-token']);
    for (const [key, input] of Object.entries(inputs)) {
      expect(input.description, key).toMatch(/\S/);
      expect(typeof input.default, key).toBe('string');
      // A required input with a default would be a contradiction GitHub does not flag.
      expect(input.required ?? false, key).toBe(false);
    }
    expect(inputs['github-token']!.default).toBe('${{ github.token }}');
    expect(inputs.format!.default).toBe('text');
  });

  it('gives the SARIF file as the sarif-file output, from the review step', async () => {
    const { outputs, runs } = await action();
    expect(Object.keys(outputs)).toEqual(['sarif-file']);
    expect(outputs['sarif-file']!.description).toMatch(/SARIF/);
    expect(outputs['sarif-file']!.value).toBe('${{ steps.review.outputs.sarif-file }}');
    expect(runs.steps.some((step) => step.id === 'review')).toBe(true);
  });

  // dist/ is not committed: a `node20` action pointing at it would find nothing in a consumer's checkout.
  it('is a composite action that builds itself, then runs the built CLI with --github', async () => {
    const { runs } = await action();
    expect(runs.using).toBe('composite');
    for (const step of runs.steps) expect(step.shell, step.name).toBe('bash');
    const [build, review] = runs.steps;
    expect(build!.run).toContain('npm ci --ignore-scripts');
    expect(build!.run).toContain('npm run build');
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(review!.run).toContain(`node "$GITHUB_ACTION_PATH/${manifest.bin['perf-review']}" "\${args[@]}"`);
    expect(review!.env).toMatchObject({ GITHUB_TOKEN: '${{ inputs.github-token }}' });
  });
});

/**
 * The review step's script, run by bash with a stand-in for `node` that records its arguments: how
 * the inputs become the command line, and when the sarif-file output is set.
 */
describe('action.yml: the review step', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perf-review-action-'));
    await writeFile(
      join(dir, 'node'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\nprev=\nfor a in "$@"; do [ "$prev" = "--sarif-file" ] && echo '{}' > "$a"; prev="$a"; done\nexit "\${STUB_EXIT:-0}"\n`,
    );
    await chmod(join(dir, 'node'), 0o755);
    await writeFile(join(dir, 'output'), '');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function step(inputs: { format?: string; failOn?: string; config?: string }, exit = 0) {
    const review = (await action()).runs.steps.find((s) => s.id === 'review')!;
    const env = {
      PATH: `${dir}:${process.env.PATH}`,
      GITHUB_ACTION_PATH: '/actions/perf-review',
      GITHUB_OUTPUT: join(dir, 'output'),
      RUNNER_TEMP: dir,
      GITHUB_TOKEN: 'ghs_x',
      PERF_REVIEW_FORMAT: inputs.format ?? 'text',
      PERF_REVIEW_FAIL_ON: inputs.failOn ?? '',
      PERF_REVIEW_CONFIG: inputs.config ?? '',
      STUB_EXIT: String(exit),
    };
    // The shell GitHub runs a composite step's `shell: bash` with.
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', review.run!], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    const args = await readFile(join(dir, 'args'), 'utf8').then((text) => text.trimEnd().split('\n'), () => undefined);
    return { ...result, args, output: await readFile(join(dir, 'output'), 'utf8') };
  }

  it('the defaults: --github --format text, no SARIF, no output', async () => {
    const { code, args, output } = await step({});
    expect(code).toBe(0);
    expect(args).toEqual(['/actions/perf-review/dist/cli/main.js', '--github', '--format', 'text']);
    expect(output).toBe('');
  });

  it('format text,sarif: the log shows text, SARIF goes to a file, and the output names it even when the review fails', async () => {
    const { code, args, output } = await step({ format: 'text, sarif', failOn: 'moderate', config: 'ci/perf-review.yml' }, 1);
    const sarif = join(dir, 'perf-review.sarif');
    expect(code).toBe(1);
    expect(args).toEqual(['/actions/perf-review/dist/cli/main.js', '--github', '--format', 'text', '--sarif-file', sarif, '--fail-on', 'moderate', '--config', 'ci/perf-review.yml']);
    expect(output).toBe(`sarif-file=${sarif}\n`);
  });

  it('format sarif alone: text in the log, SARIF in the file', async () => {
    const { args } = await step({ format: 'sarif' });
    expect(args!.slice(1, 5)).toEqual(['--github', '--format', 'text', '--sarif-file']);
  });

  it('an unknown format stops the step with an annotation, before anything runs', async () => {
    const { code, stdout, args } = await step({ format: 'xml' });
    expect(code).toBe(2);
    expect(stdout).toContain('::error title=perf-review::unknown format "xml"');
    expect(args).toBeUndefined();
  });
});
