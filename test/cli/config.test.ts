import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCHED, N_PLUS_ONE, cli, removeProject, tempProject } from './cli-harness.js';

interface JsonFinding {
  rule: string;
  severity: string;
  path: string;
  line: number;
}

const projects: string[] = [];
afterAll(() => Promise.all(projects.map(removeProject)));

/** A project with the N+1 in src/list.ts and the given configuration files. */
async function project(files: Record<string, string>): Promise<string> {
  const root = await tempProject({ 'src/list.ts': N_PLUS_ONE, 'src/batched.ts': BATCHED, ...files });
  projects.push(root);
  return root;
}

async function json(root: string, ...argv: string[]) {
  const run = await cli(root, '--format', 'json', ...argv);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; analysed: string[]; skipped: { path: string; reason: string }[]; failOn: string };
  return { code: run.code, ...report };
}

describe('perf-review reads .github/perf-review.yml when there is one', () => {
  it('turns a rule off by its id', async () => {
    const root = await project({ '.github/perf-review.yml': 'rules:\n  no-query-in-loop: off\n' });
    const { code, findings } = await json(root);
    expect(findings.map((f) => f.rule)).not.toContain('no-query-in-loop');
    expect(code).toBe(0);
  });

  it('turns a rule off by its checklist id', async () => {
    const root = await project({ '.github/perf-review.yml': 'rules:\n  db.n-plus-one: off\n' });
    expect((await json(root)).findings.map((f) => f.rule)).not.toContain('no-query-in-loop');
  });

  it('gives a rule another severity, and the gate follows it', async () => {
    const root = await project({ '.github/perf-review.yml': 'rules:\n  no-query-in-loop: minor\n' });
    const { code, findings } = await json(root);
    expect(findings.find((f) => f.rule === 'no-query-in-loop')).toMatchObject({ severity: 'minor', path: 'src/list.ts', line: 5 });
    expect(code).toBe(0);
  });

  it('applies failOn from the file, and an explicit --fail-on wins over it', async () => {
    const root = await project({ '.github/perf-review.yml': 'failOn: none\n' });
    const fromFile = await json(root);
    expect(fromFile).toMatchObject({ code: 0, failOn: 'none' });
    expect(fromFile.findings.length).toBeGreaterThan(0);
    expect(await json(root, '--fail-on', 'critical')).toMatchObject({ code: 1, failOn: 'critical' });
  });

  it('reviews only what include matches and leaves out what exclude matches', async () => {
    const root = await project({
      '.github/perf-review.yml': 'include: ["src/**", "jobs/**"]\nexclude: ["**/*.test.ts"]\n',
      'src/list.test.ts': N_PLUS_ONE,
      'jobs/send.ts': N_PLUS_ONE,
      'scripts/seed.ts': N_PLUS_ONE,
    });
    const { analysed, skipped, findings } = await json(root);
    expect(analysed.sort()).toEqual(['jobs/send.ts', 'src/batched.ts', 'src/list.ts']);
    // Found by walking a folder: left out quietly.
    expect(skipped).toEqual([]);
    expect(findings.filter((f) => f.rule === 'no-query-in-loop').map((f) => f.path).sort()).toEqual(['jobs/send.ts', 'src/list.ts']);
  });

  it('says why a file named on the command line is left out', async () => {
    const root = await project({ '.github/perf-review.yml': 'exclude: ["**/*.test.ts"]\n', 'src/list.test.ts': N_PLUS_ONE });
    const { analysed, skipped } = await json(root, 'src/list.test.ts', 'src/list.ts');
    expect(analysed).toEqual(['src/list.ts']);
    expect(skipped).toEqual([{ path: 'src/list.test.ts', reason: 'excluded by .github/perf-review.yml' }]);
  });

  it('says on stderr that _extends is followed by the App only, and uses the file\'s own settings', async () => {
    const root = await project({ '.github/perf-review.yml': '_extends: acme/.github\nfailOn: none\n' });
    const { code, stderr } = await cli(root);
    expect(stderr).toBe('perf-review: .github/perf-review.yml extends acme/.github: the App merges those settings, the CLI uses this file\'s own\n');
    expect(code).toBe(0);
  });

  it('uses the defaults when the file is empty', async () => {
    const root = await project({ '.github/perf-review.yml': '' });
    expect(await json(root)).toMatchObject({ code: 1, failOn: 'critical' });
  });
});

describe('perf-review --config <file>', () => {
  let root: string;
  beforeAll(async () => {
    root = await project({
      '.github/perf-review.yml': 'failOn: none\n',
      'ci/strict.yml': 'failOn: minor\nrules:\n  no-query-in-loop: moderate\n',
    });
  });

  it('reads the named file instead of .github/perf-review.yml', async () => {
    const { code, failOn, findings } = await json(root, '--config', 'ci/strict.yml');
    expect(failOn).toBe('minor');
    expect(findings.find((f) => f.rule === 'no-query-in-loop')?.severity).toBe('moderate');
    expect(code).toBe(1);
  });

  it('names the --config file as the reason a named file is left out', async () => {
    const other = await project({ 'perf.yml': 'exclude: ["src/list.ts"]\n' });
    const { skipped } = await json(other, '--config', 'perf.yml', 'src/list.ts');
    expect(skipped).toEqual([{ path: 'src/list.ts', reason: 'excluded by perf.yml' }]);
  });
});

describe('a configuration perf-review cannot use exits 2 with the file and the problem on one line', () => {
  const cases: [string, Record<string, string>, string[], string][] = [
    ['a named file that does not exist', {}, ['--config', 'missing.yml'], 'perf-review: config file not found: missing.yml'],
    ['a named folder', { 'conf/x': '' }, ['--config', 'conf'], 'perf-review: cannot read config file conf: it is a folder'],
    [
      'a bad severity',
      { '.github/perf-review.yml': 'rules:\n  no-query-in-loop: high\n' },
      [],
      'perf-review: .github/perf-review.yml:2:21: rules.no-query-in-loop: must be one of off, minor, moderate, critical (found "high")',
    ],
    [
      'an unknown key',
      { '.github/perf-review.yml': 'failOn: none\nfail_on: none\n' },
      [],
      'perf-review: .github/perf-review.yml:2:1: fail_on: unknown key (did you mean failOn?); the keys are rules, include, exclude, failOn, maxInlineComments, reviewEvent, skipDrafts, tenantKeys, batchLimit',
    ],
    [
      'YAML that does not parse',
      { 'perf.yml': 'rules:\n  no-query-in-loop: off\n require-compression: off\n' },
      ['--config', 'perf.yml'],
      'perf-review: perf.yml:3:1: All mapping items must start at the same column',
    ],
  ];
  for (const [name, files, argv, message] of cases) {
    it(name, async () => {
      const root = await project(files);
      const { code, stdout, stderr } = await cli(root, ...argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${message}\n`);
    });
  }

  it('an unknown rule id, with the ids it resembles', async () => {
    const root = await project({ '.github/perf-review.yml': 'rules:\n  no-query-in-loops: off\n' });
    const { code, stderr } = await cli(root);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^perf-review: \.github\/perf-review\.yml:2:3: rules\.no-query-in-loops: unknown rule or checklist id; did you mean no-query-in-loop\b.*\n$/);
  });

  it('still answers --help, --version and --list-rules', async () => {
    const root = await project({ '.github/perf-review.yml': 'failOn: [\n' });
    for (const flag of ['--help', '--version', '--list-rules']) expect((await cli(root, flag)).code).toBe(0);
  });
});
