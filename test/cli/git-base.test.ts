import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCHED, N_PLUS_ONE, cli, git, removeProject, tempProject, writeFiles } from './cli-harness.js';

/** A second N+1 appended to the file: its query starts on line 14. */
const SECOND_N_PLUS_ONE = `
export async function owners(rows: { userId: string }[]) {
  const out = [];
  for (const row of rows) {
    out.push(await db.select({ id: users.id }).from(users).where(eq(users.id, row.userId)));
  }
  return out;
}
`;

let repo: string;

interface JsonFinding {
  path: string;
  line: number;
}

async function findings(...argv: string[]): Promise<{ code: number; found: string[] }> {
  const { code, stdout, stderr } = await cli(repo, '--format', 'json', ...argv);
  expect(stderr).toBe('');
  return { code, found: (JSON.parse(stdout).findings as JsonFinding[]).map((f) => `${f.path}:${f.line}`) };
}

beforeAll(async () => {
  repo = await tempProject({ 'src/list.ts': N_PLUS_ONE, 'src/batched.ts': BATCHED });
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'first');
  // A committed change after the first commit: a whole new file.
  await writeFiles(repo, { 'src/committed.ts': N_PLUS_ONE });
  await git(repo, 'add', '.');
  await git(repo, 'commit', '--quiet', '-m', 'second');
  // Uncommitted: an edit to an old file, and a new file git does not track yet.
  await appendFile(join(repo, 'src/list.ts'), SECOND_N_PLUS_ONE);
  await writeFiles(repo, { 'src/untracked.ts': N_PLUS_ONE });
});

afterAll(() => removeProject(repo));

describe('perf-review --base', () => {
  it('reports the new lines since the ref, not the old problem on an unchanged line', async () => {
    const { code, found } = await findings('--base', 'HEAD');
    expect(code).toBe(1);
    expect(found).toContain('src/list.ts:14');
    expect(found).not.toContain('src/list.ts:5');
    expect(found).toContain('src/untracked.ts:5');
    expect(found).not.toContain('src/committed.ts:5');
  });

  it('reviews every line of a file added since the ref', async () => {
    const { found } = await findings('--base', 'HEAD~1');
    expect(found.sort()).toEqual(['src/committed.ts:5', 'src/list.ts:14', 'src/untracked.ts:5']);
  });

  it('with --all, reviews every line of the changed files only', async () => {
    const { found } = await findings('--base', 'HEAD', '--all');
    expect(found.sort()).toEqual(['src/list.ts:14', 'src/list.ts:5', 'src/untracked.ts:5']);
  });

  it('limits the changes to the given paths, relative to the working directory', async () => {
    const { found } = await findings('--base', 'HEAD', 'src/list.ts');
    expect(found).toEqual(['src/list.ts:14']);
    const inside = await cli(join(repo, 'src'), '--format', 'json', '--base', 'HEAD', 'list.ts');
    expect(JSON.parse(inside.stdout).findings.map((f: JsonFinding) => `${f.path}:${f.line}`)).toEqual(['list.ts:14']);
  });

  it('passes when nothing changed in the given paths', async () => {
    const { code, found } = await findings('--base', 'HEAD', 'src/batched.ts');
    expect(code).toBe(0);
    expect(found).toEqual([]);
  });

  it('exits 2 with git\'s reason for a ref that does not exist', async () => {
    const { code, stderr } = await cli(repo, '--base', 'no-such-branch');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^perf-review: git diff failed: .*no-such-branch/);
  });
});
