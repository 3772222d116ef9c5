import { MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_RUN_SUMMARY } from './limits.js';
import { truncate } from './truncate.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** The name users see on the pull request and require in branch protection: part of the contract. */
export const CHECK_RUN_NAME = 'Performance Review';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

export interface CheckRunOutcome {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations?: Annotation[];
}

const SUMMARY_CUT_NOTE = `\n\n…cut here: GitHub shows at most ${MAX_CHECK_RUN_SUMMARY.toLocaleString('en-US')} characters in a check run. The summary comment on the pull request has the full list.`;

/** Starts the check run on the head commit, so the pull request shows the review is under way. */
export async function createCheckRun(octokit: GitHub, target: ReviewTarget): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_RUN_NAME,
    head_sha: target.headSha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
  });
  return data.id;
}

/**
 * Completes the check run. GitHub takes at most 50 annotations per request and appends each batch,
 * so every batch but the last goes in its own update and the last one completes the run.
 */
export async function completeCheckRun(octokit: GitHub, target: ReviewTarget, checkRunId: number, outcome: CheckRunOutcome): Promise<void> {
  const summary = truncate(outcome.summary, MAX_CHECK_RUN_SUMMARY, SUMMARY_CUT_NOTE);
  const annotations = outcome.annotations ?? [];
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
      check_run_id: checkRunId,
      ...(last ? { status: 'completed' as const, conclusion: outcome.conclusion, completed_at: new Date().toISOString() } : {}),
      output: { title: outcome.title, summary, ...(batch.length > 0 ? { annotations: batch } : {}) },
    });
  }
}
