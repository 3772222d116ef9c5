import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { ActionsOctokit, type ActionsOctokitClass } from '../../src/actions/actions-octokit.js';
import { runCli } from '../../src/cli/run-cli.js';
import { OWNER, REPO } from '../fixtures/app/github.js';
import { GITHUB_API, examplePayload, guardGitHubMocks, throwMockProblems } from '../helpers/github.js';

/**
 * The harness of the Actions mode's tests: `perf-review --github` run in-process (nock does not
 * reach a child process) with the environment a runner gives a step, GitHub mocked with nock, and
 * every request checked against GitHub's OpenAPI description, as the App's harness does.
 */

/** Shaped like a workflow's `GITHUB_TOKEN` (an installation token of the GitHub Actions App). */
export const WORKFLOW_TOKEN = 'ghs_Wf0rkfl0wT0kenF0rTheTests1234567890ab';

/** `GITHUB_SHA` of a `pull_request` run: the merge commit, not the pull request's head. */
export const MERGE_SHA = '0d1b2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c';

export interface ActionsHarness {
  /** The only way to mock GitHub in these tests: each request it answers is validated first. */
  github: nock.Scope;
  /** A fresh runner: workspace, event file and step summary in a temporary folder. */
  runner: Runner;
}

export interface Runner {
  root: string;
  workspace: string;
  eventPath: string;
  stepSummary: string;
  env: NodeJS.ProcessEnv;
}

export interface ActionsRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Retries would turn one mocked 500 into several requests, and throttling would wait on real time.
const TestOctokit = (fetch: typeof globalThis.fetch): ActionsOctokitClass =>
  ActionsOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false }, request: { fetch } });

/**
 * Registers the harness around each test of the calling file. After each test it fails when a
 * request broke GitHub's OpenAPI description, reached no mock, was answered by a scope that did not
 * validate it, or when a mock was never called.
 */
export function useActions(): ActionsHarness & { run: (...argv: string[]) => Promise<ActionsRun> } {
  const harness = {} as ActionsHarness;
  const guard = guardGitHubMocks();

  beforeEach(async () => {
    harness.github = guard.open();
    harness.runner = await newRunner();
  });

  afterEach(async () => {
    const failures = await guard.close();
    await rm(harness.runner.root, { recursive: true, force: true });
    throwMockProblems(failures);
  });

  /** `perf-review --github …` as a workflow step runs it, with the runner's environment. */
  const run = async (...argv: string[]): Promise<ActionsRun> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['--github', ...argv], {
      cwd: harness.runner.workspace,
      stdout: { write: (chunk: string) => (stdout += chunk) },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      env: harness.runner.env,
      Octokit: TestOctokit(guard.countingFetch),
    });
    return { code, stdout, stderr };
  };

  return Object.assign(harness, { run });
}

/**
 * The environment a runner gives a step of a `pull_request` workflow, with GitHub's example
 * `pull_request.opened` payload as the event, less the installation a webhook would carry.
 */
async function newRunner(): Promise<Runner> {
  const root = await mkdtemp(join(tmpdir(), 'perf-review-actions-'));
  const workspace = join(root, 'workspace');
  await mkdir(workspace);
  const runner = { root, workspace, eventPath: join(root, 'event.json'), stepSummary: join(root, 'step-summary.md') };
  await writeEvent(runner, examplePullRequestEvent());
  await writeFile(runner.stepSummary, '');
  return {
    ...runner,
    env: {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: runner.eventPath,
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: GITHUB_API,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_SHA: MERGE_SHA,
      GITHUB_REF: 'refs/pull/2/merge',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: runner.stepSummary,
      GITHUB_TOKEN: WORKFLOW_TOKEN,
    },
  };
}

/** GitHub's example `pull_request.opened` (pull request #2 of Codertocat/Hello-World) as Actions delivers it. */
export function examplePullRequestEvent(): Record<string, unknown> {
  const { installation: _installation, ...payload } = examplePayload('pull_request', 12);
  return payload;
}

export async function writeEvent(runner: Pick<Runner, 'eventPath'>, payload: Record<string, unknown>): Promise<void> {
  await writeFile(runner.eventPath, JSON.stringify(payload));
}

/** Files of the checkout (path → content), relative to the workspace. */
export async function checkout(runner: Runner, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(runner.workspace, path)), { recursive: true });
    await writeFile(join(runner.workspace, path), content);
  }
}

export function readStepSummary(runner: Runner): Promise<string> {
  return readFile(runner.stepSummary, 'utf8');
}

/** Git's blob id of a file's content: what `pulls.listFiles` gives as the file's `sha` at the head. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
