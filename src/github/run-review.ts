import type { Logger } from 'probot';
import { engineOptionsOf, formatConfigError } from '../config/index.js';
import type { ReviewMode } from '../engine/index.js';
import { reviewOffThread } from '../engine/pool/review-off-thread.js';
import { completeCheckRun, startCheckRun, type CheckRun } from './check-run.js';
import { describeConfigError, describeFailure, type ReviewStep } from './describe-failure.js';
import { errorFields, isMissingPermission } from './error-fields.js';
import { inTurn } from './in-turn.js';
import { newerHeadThan, pullRequestKey } from './latest-heads.js';
import { listChangedFiles } from './list-changed-files.js';
import { listReviewComments } from './list-review-comments.js';
import { publishReview } from './publish-review.js';
import type { Settings } from './read-settings.js';
import { readSources } from './read-sources.js';
import type { ReviewTarget } from './review-target.js';
import { selectChangedFiles } from './select-changed-files.js';
import type { GitHub } from './types.js';

export interface ReviewRequest {
  /** `changed`: the lines the pull request changes; `all`: every line of its changed files. */
  mode: ReviewMode;
  settings: Settings;
}

export type ReviewOutcome =
  | { status: 'completed'; conclusion: 'success' | 'failure'; findings: number; comments: number }
  | { status: 'superseded'; by: string }
  | { status: 'misconfigured' }
  | { status: 'failed'; step: ReviewStep };

/**
 * One review of a pull request at its head commit, from the check run to the summary: the unit of
 * work a webhook asks for. Reviews of one pull request run one after the other; one whose head is
 * no longer the newest does not start, or stops before it publishes. Whatever fails after the
 * check run exists, the check run is completed with a message a person can act on.
 */
export function runReview(octokit: GitHub, target: ReviewTarget, log: Logger, request: ReviewRequest): Promise<ReviewOutcome> {
  return inTurn(pullRequestKey(target), async () => {
    const newer = newerHeadThan(target);
    if (newer) {
      log.info({ head: target.headSha, newer }, 'Review not started: a newer commit was pushed');
      return { status: 'superseded', by: newer };
    }
    return reviewHead(octokit, target, log, request);
  });
}

async function reviewHead(octokit: GitHub, target: ReviewTarget, log: Logger, { mode, settings }: ReviewRequest): Promise<ReviewOutcome> {
  const notes: string[] = [];
  const checkRun = await startCheckRunOrSayWhy(octokit, target, log, notes);
  let step: ReviewStep = 'config';
  try {
    if ('unreadable' in settings) throw settings.unreadable;
    if ('error' in settings) {
      log.info({ config: formatConfigError(settings.error) }, 'Configuration not valid: nothing reviewed');
      if (checkRun) await completeCheckRun(octokit, target, checkRun, describeConfigError(settings.error));
      return { status: 'misconfigured' };
    }
    const { config } = settings;
    step = 'files';
    const listing = await listChangedFiles(octokit, target);
    const selected = selectChangedFiles(listing, config, target);
    notes.push(...selected.notes);
    const { files } = selected;
    const sources = await readSources(octokit, target, files);
    step = 'comments';
    const posted = await listReviewComments(octokit, target);

    step = 'analyse';
    const result = await reviewOffThread(sources, engineOptionsOf(config, mode));
    const published = await publishReview(octokit, target, result, {
      config,
      mode,
      listing,
      files,
      posted,
      checkRun,
      notes,
      log,
      publisher: 'App',
      onStep: (next) => (step = next),
    });
    if (published.status === 'superseded') return published;
    return { status: 'completed', conclusion: published.conclusion, findings: result.findings.length, comments: published.comments };
  } catch (error) {
    log.error({ step, ...errorFields(error) }, 'Performance Review failed');
    try {
      if (checkRun) await completeCheckRun(octokit, target, checkRun, describeFailure(step, error));
    } catch (reportError) {
      log.error(errorFields(reportError), 'Could not complete the check run after a failed review');
    }
    return { status: 'failed', step };
  }
}

/** Without the checks permission the review still goes on, and its summary says why no check gates the merge. */
async function startCheckRunOrSayWhy(octokit: GitHub, target: ReviewTarget, log: Logger, notes: string[]): Promise<CheckRun | undefined> {
  try {
    return await startCheckRun(octokit, target);
  } catch (error) {
    log[isMissingPermission(error) ? 'warn' : 'error'](errorFields(error), 'Could not start the check run');
    if (!isMissingPermission(error)) throw error;
    notes.push('No check run: the App lacks the checks write permission on this repository, so this review cannot gate the merge.');
    return undefined;
  }
}
