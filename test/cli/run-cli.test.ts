import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/review/markers.js';
import { RULES } from '../../src/rules/index.js';
import { BATCHED, N_PLUS_ONE, cli, removeProject, tempProject } from './cli-harness.js';

let root: string;

beforeAll(async () => {
  root = await tempProject({
    'src/list.ts': N_PLUS_ONE,
    'src/batched.ts': BATCHED,
    'src/broken.ts': 'export const = ;\n',
    'src/README.md': '# not code\n',
    // Folders the engine never reads: the same problem there must stay silent.
    'node_modules/lib/index.ts': N_PLUS_ONE,
    'dist/list.js': N_PLUS_ONE,
    'build/list.js': N_PLUS_ONE,
    'clean/ok.ts': BATCHED,
  });
});

afterAll(() => removeProject(root));

describe('perf-review [paths]', () => {
  it('reviews every file under the working directory and exits 1 on a critical finding', async () => {
    const { code, stdout, stderr } = await cli(root);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^src\/list\.ts:5:\d+ {2}critical {2}no-query-in-loop {2}Each `email`/);
    expect(stdout).not.toContain('node_modules');
    expect(stdout).not.toMatch(/^(dist|build)\//m);
    expect(lines.at(-1)).toBe('1 finding (1 critical, 0 moderate, 0 minor) in 3 files, 1 skipped; fails --fail-on critical.');
  });

  it('prints the contract JSON with paths relative to the working directory', async () => {
    const { code, stdout } = await cli(root, '--format', 'json');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.findings).toHaveLength(1);
    const [finding] = json.findings;
    expect(Object.keys(finding).slice(0, 8)).toEqual(['rule', 'checklist', 'severity', 'path', 'line', 'column', 'endLine', 'message']);
    expect(finding).toMatchObject({ rule: 'no-query-in-loop', checklist: 'db.n-plus-one', severity: 'critical', path: 'src/list.ts', line: 5, endLine: 6 });
    expect(finding.column).toBeGreaterThan(0);
    expect(finding.message).toMatch(/N\+1/);
    expect(json.checklist).toHaveLength(39);
    expect(json.analysed.sort()).toEqual(['clean/ok.ts', 'src/batched.ts', 'src/list.ts']);
  });

  it('reports a file that does not parse as skipped and still reviews the others', async () => {
    const { stdout } = await cli(root, '--format', 'json', 'src');
    const json = JSON.parse(stdout);
    expect(json.skipped).toHaveLength(1);
    expect(json.skipped[0].path).toBe('src/broken.ts');
    expect(json.skipped[0].reason).toMatch(/^does not parse/);
    expect(json.findings.map((f: { path: string }) => f.path)).toEqual(['src/list.ts']);
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    expect((await cli(root, 'clean')).code).toBe(0);
    expect((await cli(root, '--fail-on', 'none')).code).toBe(0);
    expect((await cli(root, 'clean', '--fail-on', 'minor')).code).toBe(0);
    expect((await cli(root, 'src/list.ts', '--fail-on', 'minor')).code).toBe(1);
  });

  it('reviews a single file, and says why a named file is not read', async () => {
    const one = await cli(root, '--format', 'json', 'src/list.ts', 'src/README.md');
    const json = JSON.parse(one.stdout);
    expect(json.analysed).toEqual(['src/list.ts']);
    expect(json.skipped).toEqual([{ path: 'src/README.md', reason: expect.stringMatching(/^not a file perf-review reads/) }]);
  });

  it('prints the summary the App posts with --format markdown, linking relative paths', async () => {
    const { code, stdout } = await cli(root, '--format', 'markdown', 'src');
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(SUMMARY_MARKER);
    expect(lines[1]).toBe('# Performance Review: src');
    expect(stdout).toMatch(/^\*\*Date:\*\* \d{4}-\d{2}-\d{2}$/m);
    expect(stdout).toContain('[`src/list.ts:5`](src/list.ts#L5) [`no-query-in-loop`](');
    expect(stdout).toContain('- `src/broken.ts`: does not parse');
  });
});

describe('perf-review usage and input errors exit 2 with one line on stderr', () => {
  const cases: [string, string[], RegExp][] = [
    ['a path that does not exist', ['missing'], /^perf-review: path not found: missing$/],
    ['an unknown flag', ['--fast'], /^perf-review: unknown option --fast \(see perf-review --help\)$/],
    ['an unknown format', ['--format', 'xml'], /unknown --format xml/],
    ['a --config file that does not exist', ['--config', 'perf-review.yml'], /^perf-review: config file not found: perf-review\.yml$/],
    ['an empty --config', ['--config='], /^perf-review: --config needs a file$/],
    ['an unknown --fail-on', ['--fail-on', 'major'], /unknown --fail-on major/],
    ['a flag without its value', ['--base'], /--base needs a value/],
    ['a value given to a switch', ['--all=yes'], /--all takes no value/],
    ['--base outside a git repository', ['--base', 'HEAD'], /--base needs a git repository/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const { code, stdout, stderr } = await cli(root, ...argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd()).toMatch(message);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }
});

describe('perf-review --list-rules', () => {
  it('prints every rule as JSON with --format json', async () => {
    const { code, stdout } = await cli(root, '--list-rules', '--format', 'json');
    expect(code).toBe(0);
    const rules = JSON.parse(stdout);
    expect(rules).toEqual(
      RULES.map((rule) => ({
        id: rule.id,
        checklist: rule.checklist,
        severity: rule.severity,
        docs: `docs/rules/${rule.id}.md`,
        description: rule.docs.description,
      })),
    );
    expect(rules.find((r: { id: string }) => r.id === 'no-query-in-loop')).toMatchObject({ checklist: 'db.n-plus-one', severity: 'critical' });
  });

  it('prints one rule a line otherwise', async () => {
    const { code, stdout } = await cli(root, '--list-rules');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(RULES.length);
    expect(stdout).toMatch(/^no-query-in-loop +db\.n-plus-one +critical +Disallow /m);
  });
});

describe('perf-review --help', () => {
  it('prints the usage and exits 0', async () => {
    const { code, stdout } = await cli(root, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: perf-review/);
  });
});

describe('perf-review --version', () => {
  it('prints the package version', async () => {
    const { code, stdout } = await cli(root, '--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
