import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../cli/usage-error.js';
import { reviewTargetOf, type PullRequestLike, type ReviewTarget } from '../github/review-target.js';

/** The events whose payload carries the pull request a workflow runs for. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** What a workflow run tells a step about itself, from the variables every runner sets. */
export interface ActionsEnvironment {
  target: ReviewTarget;
  token: string;
  /** `GITHUB_API_URL`: api.github.com, or `<host>/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  /** `GITHUB_WORKSPACE`: where `actions/checkout` put the repository. */
  workspace: string;
  /** `GITHUB_STEP_SUMMARY`: the file whose Markdown the run's summary page shows. */
  stepSummary?: string;
  /** The event's action (`opened`, `synchronize`, `ready_for_review` …) and whether the pull request is a draft. */
  action?: string;
  draft: boolean;
}

interface PullRequestPayload {
  action?: string;
  pull_request?: PullRequestLike & { draft?: boolean; base?: { repo?: { html_url?: string } } };
  repository?: { full_name?: string; html_url?: string };
}

/**
 * Reads the pull request from the event file and the repository, the API and the token from the
 * environment of a workflow step. Anything missing is a usage error naming the variable, since a
 * review that guessed would publish to the wrong place or nowhere.
 */
export async function readActionsEnvironment(env: NodeJS.ProcessEnv, cwd: string): Promise<ActionsEnvironment> {
  const eventName = env.GITHUB_EVENT_NAME;
  if (eventName !== undefined && !PULL_REQUEST_EVENTS.has(eventName)) {
    throw new UsageError(`--github reviews a pull request, and this workflow runs for a ${eventName} event (run it on: pull_request)`);
  }
  const payload = await readEvent(required(env, 'GITHUB_EVENT_PATH'));
  const pullRequest = payload.pull_request;
  if (!pullRequest || typeof pullRequest.number !== 'number' || typeof pullRequest.head?.sha !== 'string') {
    throw new UsageError(`--github reviews a pull request, and the event at GITHUB_EVENT_PATH has none (run it on: pull_request)`);
  }
  const fullName = env.GITHUB_REPOSITORY ?? payload.repository?.full_name;
  const [owner, name, ...rest] = (fullName ?? '').split('/');
  if (!owner || !name || rest.length > 0) throw new UsageError('--github needs GITHUB_REPOSITORY as owner/name');
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) throw new UsageError('--github needs a token in GITHUB_TOKEN (in a workflow step: env: GITHUB_TOKEN: ${{ github.token }})');
  return {
    target: reviewTargetOf({ name, owner: { login: owner }, html_url: `${server}/${owner}/${name}` }, pullRequest),
    token,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    workspace: resolve(cwd, env.GITHUB_WORKSPACE ?? '.'),
    ...(env.GITHUB_STEP_SUMMARY ? { stepSummary: env.GITHUB_STEP_SUMMARY } : {}),
    ...(payload.action !== undefined ? { action: payload.action } : {}),
    draft: pullRequest.draft === true,
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new UsageError(`--github runs inside a GitHub Actions workflow, and ${name} is not set`);
  return value;
}

async function readEvent(path: string): Promise<PullRequestPayload> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the event file at GITHUB_EVENT_PATH (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as PullRequestPayload;
  } catch {
    throw new UsageError('the event file at GITHUB_EVENT_PATH is not JSON');
  }
}
