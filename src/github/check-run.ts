import { appIdOf } from './app-id-of.js';
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
}

const SUMMARY_CUT_NOTE = `\n\n…cut here: GitHub shows at most ${MAX_CHECK_RUN_SUMMARY.toLocaleString('en-US')} characters in a check run. The summary comment on the pull request has the full list.`;

const IN_PROGRESS = { title: 'Reviewing…', summary: 'The review of this commit is under way.' };

/**
 * Puts the head commit's check run in progress, so the pull request shows the review is under way.
 * A run this App already made for the commit (a re-run, a command, a redelivery after a restart) is
 * reused: a second run of the same name would leave the first one's verdict beside the new one. With
 * a workflow's token, the run is this product's by its external id.
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
  const started_at = new Date().toISOString();
  const ours = (run: (typeof data.check_runs)[number]) => (appId === undefined ? run.external_id === CHECK_RUN_EXTERNAL_ID : run.app?.id === appId);
  const existing = data.check_runs.find((run) => run.name === CHECK_RUN_NAME && ours(run));
  if (existing) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: existing.id, status: 'in_progress', started_at, output: IN_PROGRESS });
    return { id: existing.id, annotations: existing.output.annotations_count };
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

/**
 * Completes the check run. GitHub takes at most 50 annotations per request and appends each batch,
 * so every batch but the last goes in its own update and the last one completes the run. A reused
 * run gets only the annotations it does not show yet.
 */
export async function completeCheckRun(octokit: GitHub, target: ReviewTarget, checkRun: CheckRun, outcome: CheckRunOutcome): Promise<void> {
  const summary = truncate(outcome.summary, MAX_CHECK_RUN_SUMMARY, SUMMARY_CUT_NOTE);
  const annotations = await notYetShown(octokit, target, checkRun, outcome.annotations ?? []);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += MAX_ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + MAX_ANNOTATIONS_PER_REQUEST));
  }
  if (batches.length === 0) batches.push([]);

  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    await octokit.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: checkRun.id,
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
      output: { title: outcome.title, summary, ...(batch.length > 0 ? { annotations: batch } : {}) },
    });
  }
}

async function notYetShown(octokit: GitHub, target: ReviewTarget, checkRun: CheckRun, annotations: Annotation[]): Promise<Annotation[]> {
  if (checkRun.annotations === 0 || annotations.length === 0) return annotations;
  const shown = await octokit.paginate(octokit.rest.checks.listAnnotations, {
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRun.id,
    per_page: MAX_PER_PAGE,
  });
  const keys = new Set(shown.map((a) => annotationKey({ path: a.path, start_line: a.start_line, title: a.title ?? '', message: a.message ?? '' })));
  return annotations.filter((annotation) => !keys.has(annotationKey(annotation)));
}

function annotationKey(annotation: Pick<Annotation, 'path' | 'start_line' | 'title' | 'message'>): string {
  return [annotation.path, annotation.start_line, annotation.title, annotation.message].join('\0');
}
