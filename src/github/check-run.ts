import { appIdOf } from './app-id-of.js';
import { BASE_REQUESTS_PER_REVIEW, FILES_PER_EXTRA_REQUEST } from './request-budget.js';
import { MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_RUN_SUMMARY, MAX_PER_PAGE } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import { truncate } from './truncate.js';
import type { GitHub } from './types.js';

/** The name users see on the pull request and require in branch protection: part of the contract. */
export const CHECK_RUN_NAME = 'Performance Review';

/**
 * Marks the runs this product creates. A workflow's token has no App id to tell them by, and its
 * runs share their App (GitHub Actions) with every job of the workflow, one of which may well be
 * called "Performance Review" too: without the mark the review could overwrite a job's run.
 */
export const CHECK_RUN_EXTERNAL_ID = 'perf-review';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

export interface CheckRunOutcome {
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled';
  title: string;
  summary: string;
  annotations?: Annotation[];
}

/** The check run a review reports to. */
export interface CheckRun {
  id: number;
  /** Annotations it already has: GitHub appends every update's annotations and never removes any. */
  annotations: number;
  /** Those annotations, when already read; otherwise they are listed before any is added. */
  shown?: Pick<Annotation, 'path' | 'start_line' | 'title' | 'message'>[];
}

const SUMMARY_CUT_NOTE = `\n\n…cut here: GitHub shows at most ${MAX_CHECK_RUN_SUMMARY.toLocaleString('en-US')} characters in a check run. The summary comment on the pull request has the full list.`;

const IN_PROGRESS = { title: 'Reviewing…', summary: 'The review of this commit is under way.' };

/**
 * Puts the head commit's check run in progress, so the pull request shows the review is under way.
 * A run this product already made for the commit (a re-run, a command, a redelivery after a restart)
 * is reused: a second run of the same name would leave the first one's verdict beside the new one.
 * This is the Actions mode's way: a workflow's token has no App id, so the run is found by its
 * external id through the REST API (the App finds its run in its GraphQL read instead).
 */
export async function startCheckRun(octokit: GitHub, target: ReviewTarget): Promise<CheckRun> {
  const { owner, repo, headSha } = target;
  const appId = await appIdOf(octokit);
  const { data } = await octokit.rest.checks.listForRef({
    owner,
    repo,
    ref: headSha,
    check_name: CHECK_RUN_NAME,
    ...(appId !== undefined ? { app_id: appId } : {}),
  });
  const ours = (run: (typeof data.check_runs)[number]) => (appId === undefined ? run.external_id === CHECK_RUN_EXTERNAL_ID : run.app?.id === appId);
  const existing = data.check_runs.find((run) => run.name === CHECK_RUN_NAME && ours(run));
  return markInProgress(octokit, target, existing ? { id: existing.id, annotations: existing.output.annotations_count } : undefined);
}

/** Creates the run in progress, or puts the existing one back in progress. */
export async function markInProgress(octokit: GitHub, target: ReviewTarget, existing: CheckRun | undefined): Promise<CheckRun> {
  const { owner, repo, headSha } = target;
  const started_at = new Date().toISOString();
  if (existing) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: existing.id, status: 'in_progress', started_at, output: IN_PROGRESS });
    return existing;
  }
  const { data: created } = await octokit.rest.checks.create({
    owner,
    repo,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    external_id: CHECK_RUN_EXTERNAL_ID,
    status: 'in_progress',
    started_at,
    output: IN_PROGRESS,
  });
  return { id: created.id, annotations: 0 };
}

export interface CompletionLimits {
  /** Requests the completion may make, the first included; at least one is always made. */
  maxRequests?: number;
  /** When the review started: a run created only now still shows how long it took. */
  startedAt?: string;
}

/**
 * Completes the check run, creating it when there is none yet (`undefined`): a review that finished
 * quickly never showed a run in progress, and its verdict with the first 50 annotations is one
 * request. GitHub takes at most 50 annotations per request and appends each batch, so further
 * batches follow in updates, as many as `maxRequests` allows; when that cuts them short, the run's
 * summary says how many it shows. A reused run gets only the annotations it does not show yet.
 */
export async function completeCheckRun(octokit: GitHub, target: ReviewTarget, checkRun: CheckRun | undefined, outcome: CheckRunOutcome, limits: CompletionLimits = {}): Promise<CheckRun> {
  const { owner, repo } = target;
  let requests = limits.maxRequests ?? Infinity;
  const all = outcome.annotations ?? [];
  const annotations = checkRun && checkRun.annotations > 0 && all.length > 0 ? await notYetShown(octokit, target, checkRun, all, () => requests--) : all;
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  const sent = batches.slice(0, Math.max(1, requests));
  const shown = sent.reduce((sum, batch) => sum + batch.length, 0);
  const cut = shown < annotations.length ? `${unshownNote(shown, annotations.length)}\n\n` : '';
  const summary = truncate(`${cut}${outcome.summary}`, MAX_CHECK_RUN_SUMMARY, SUMMARY_CUT_NOTE);
  const output = (batch: Annotation[]) => ({ title: outcome.title, summary, ...(batch.length > 0 ? { annotations: batch } : {}) });
  const completion = { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() };

  let run = checkRun;
  if (run) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: run.id, ...completion, output: output(sent[0]!) });
  } else {
    const { data } = await octokit.rest.checks.create({
      owner,
      repo,
      name: CHECK_RUN_NAME,
      head_sha: target.headSha,
      external_id: CHECK_RUN_EXTERNAL_ID,
      ...(limits.startedAt !== undefined ? { started_at: limits.startedAt } : {}),
      ...completion,
      output: output(sent[0]!),
    });
    run = { id: data.id, annotations: 0 };
  }
  // The run is complete already; each update adds a batch to what it shows.
  for (const batch of sent.slice(1)) await octokit.rest.checks.update({ owner, repo, check_run_id: run.id, output: output(batch) });
  return { id: run.id, annotations: run.annotations + shown };
}

function unshownNote(shown: number, total: number): string {
  return `> This check run shows ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} annotations: GitHub takes ${MAX_ANNOTATIONS_PER_REQUEST} per request, and a review makes at most ${BASE_REQUESTS_PER_REVIEW} requests to GitHub plus 1 per ${FILES_PER_EXTRA_REQUEST} changed files. The summary comment lists every finding.`;
}

async function notYetShown(octokit: GitHub, target: ReviewTarget, checkRun: CheckRun, annotations: Annotation[], onRequest: () => void): Promise<Annotation[]> {
  let shown = checkRun.shown;
  if (!shown) {
    onRequest();
    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, {
      owner: target.owner,
      repo: target.repo,
      check_run_id: checkRun.id,
      per_page: MAX_PER_PAGE,
    });
    shown = listed.map((a) => ({ path: a.path, start_line: a.start_line, title: a.title ?? '', message: a.message ?? '' }));
  }
  const keys = new Set(shown.map(annotationKey));
  return annotations.filter((annotation) => !keys.has(annotationKey(annotation)));
}

function annotationKey(annotation: Pick<Annotation, 'path' | 'start_line' | 'title' | 'message'>): string {
  return [annotation.path, annotation.start_line, annotation.title, annotation.message].join('\0');
}
