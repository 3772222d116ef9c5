import type { Logger } from 'probot';
import { engineOptionsOf, formatConfigError } from '../config/index.js';
import type { ReviewMode, ReviewResult } from '../engine/index.js';
import { reviewOffThread } from '../engine/pool/review-off-thread.js';
import { appIdOf } from './app-id-of.js';
import { completeCheckRun, markInProgress, type CheckRun } from './check-run.js';
import { describeConfigError, describeFailure, type ReviewStep } from './describe-failure.js';
import { errorFields, isMissingPermission } from './error-fields.js';
import { inTurn } from './in-turn.js';
import { newerHeadThan, pullRequestKey, recordShownHead } from './latest-heads.js';
import { listAllFiles, listFirstPage, type FirstPage } from './list-changed-files.js';
import { publishReview } from './publish-review.js';
import { FILES_PER_QUERY, readSources } from './read-sources.js';
import { readReviewContext, type ReviewContext } from './read-review-context.js';
import { settingsOf, type ConfigSource, type Settings } from './read-settings.js';
import { countReviewRequests, requestBudget, type RequestCounter } from './request-budget.js';
import type { ReviewTarget } from './review-target.js';
import { selectChangedFiles } from './select-changed-files.js';
import type { GitHub } from './types.js';

/**
 * How long an analysis runs before the check run is shown in progress. A review that finishes
 * sooner creates its check run once, completed, with its verdict: one request instead of two.
 */
export const IN_PROGRESS_AFTER_MS = 2_000;

/** The delay in force; tests shorten it to see the in-progress run of a slow review. */
export const reviewTiming = { inProgressAfterMs: IN_PROGRESS_AFTER_MS };

/** Requests a review makes once its analysis is done, at most: the review, the summary, the check run. */
const REQUESTS_TO_PUBLISH = 3;

export interface ReviewRequest {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head a push announced. Absent: the head the pull request has when the review starts. */
  headSha?: string;
  /** `changed`: the lines the pull request changes; `all`: every line of its changed files. */
  mode: ReviewMode;
  /**
   * A push: a closed pull request is not reviewed, nor a draft under `skipDrafts`. A re-run or a
   * command is someone asking for this review now, draft or not.
   */
  push: boolean;
  /** Probot's reading of the configuration, for a file that `_extends` another (it follows the chain). */
  configSource?: ConfigSource;
  /**
   * The newest head a shared record knows for the pull request (the Redis queue's, fed by every
   * replica's webhooks), asked just before publishing: a worker receives no webhook itself.
   */
  newerHead?: () => Promise<string | undefined>;
}

export type ReviewOutcome =
  | { status: 'completed'; conclusion: 'success' | 'failure'; findings: number; comments: number }
  | { status: 'superseded'; by: string }
  | { status: 'misconfigured' }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; step: ReviewStep };

const NO_CHECKS_NOTE = 'No check run: the App lacks the checks write permission on this repository, so this review cannot gate the merge.';

/**
 * One review of a pull request at its head commit, from the first read to the check run: the unit
 * of work a webhook asks for. Reviews of one pull request run one after the other; one whose head
 * is no longer the newest does not start, or stops before it publishes.
 *
 * Its requests to GitHub stay within `requestBudget`: the first page of changed files, then one
 * GraphQL query for the pull request, its earlier comments, summary, check run, configuration and
 * the first 100 files' contents; the rest of a large pull request; the review, the summary and the
 * check run, created once with its verdict unless the analysis is slow. Whatever fails after the
 * pull request is known, the check run is completed with a message a person can act on.
 */
export function runReview(octokit: GitHub, request: ReviewRequest, log: Logger): Promise<ReviewOutcome> {
  return inTurn(pullRequestKey(request), async () => {
    const newer = request.headSha !== undefined ? newerHeadThan({ ...request, headSha: request.headSha }) : undefined;
    if (newer) {
      log.info({ head: request.headSha, newer }, 'Review not started: a newer commit was pushed');
      return { status: 'superseded', by: newer };
    }
    return reviewPullRequest(octokit, request, log);
  });
}

interface Reading {
  context: ReviewContext;
  first: { files: FirstPage } | { error: unknown };
  settings: Settings;
  requests: RequestCounter;
  startedAt: string;
  newerHead?: () => Promise<string | undefined>;
}

async function reviewPullRequest(octokit: GitHub, request: ReviewRequest, log: Logger): Promise<ReviewOutcome> {
  const startedAt = new Date().toISOString();
  const requests = countReviewRequests(octokit);
  // The pull request's number is all this needs: the GraphQL read can then carry the contents too.
  const first = await listFirstPage(octokit, request).then(
    (files) => ({ files }),
    (error: unknown) => ({ error }),
  );
  const context = await readReviewContext(octokit, {
    ...request,
    appId: await appIdOf(octokit),
    files: 'files' in first ? first.files.files.slice(0, FILES_PER_QUERY) : [],
  });
  const pr = context.pullRequest;
  if (request.push && pr.state !== 'OPEN') return skipped(log, request, 'the pull request was closed while the review waited');
  const target: ReviewTarget = {
    owner: request.owner,
    repo: request.repo,
    pullNumber: request.pullNumber,
    // The push's own head, even when GitHub does not show it yet.
    headSha: request.headSha ?? pr.headSha,
    title: pr.title,
    repoUrl: pr.repoUrl,
    updatedAt: pr.updatedAt,
    changedFiles: pr.changedFiles,
  };
  if (target.headSha !== pr.headSha) {
    recordShownHead({ ...target, headSha: pr.headSha });
    const newer = newerHeadThan(target);
    if (newer) {
      log.info({ head: target.headSha, newer }, 'Review not started: GitHub shows a newer commit');
      return { status: 'superseded', by: newer };
    }
  }
  const settings = await settingsOf(context.config, target, request.configSource);
  // Marking a draft ready is the moment its author asks for reviews; a push waits for it.
  if (request.push && pr.draft && 'config' in settings && settings.config.skipDrafts) return skipped(log, request, 'draft pull request (skipDrafts)');
  return reviewHead(octokit, target, log, request.mode, { context, first, settings, requests, startedAt, ...(request.newerHead ? { newerHead: request.newerHead } : {}) });
}

async function reviewHead(octokit: GitHub, target: ReviewTarget, log: Logger, mode: ReviewMode, reading: Reading): Promise<ReviewOutcome> {
  const { context, first, settings, requests, startedAt, newerHead } = reading;
  const budget = requestBudget(context.pullRequest.changedFiles);
  const notes: string[] = context.checksForbidden ? [NO_CHECKS_NOTE] : [];
  // Created with the verdict unless the analysis turns out slow; reused when this App made one for the commit.
  let checkRun: CheckRun | 'create' | undefined = context.checksForbidden ? undefined : (context.checkRun ?? 'create');
  let step: ReviewStep = 'config';
  try {
    if ('unreadable' in settings) throw settings.unreadable;
    if ('error' in settings) {
      log.info({ config: formatConfigError(settings.error) }, 'Configuration not valid: nothing reviewed');
      if (checkRun) await completeCheckRun(octokit, target, runOf(checkRun), describeConfigError(settings.error), { startedAt });
      return { status: 'misconfigured' };
    }
    const { config } = settings;
    step = 'comments';
    if (context.postedUnreadable !== undefined) throw context.postedUnreadable;
    step = 'files';
    if ('error' in first) throw first.error;
    const listing = await listAllFiles(octokit, target, first.files, context.pullRequest);
    const selected = selectChangedFiles(listing, config, target);
    notes.push(...selected.notes);
    const { files } = selected;
    const sources = await readSources(octokit, target, files, context.contents);

    step = 'analyse';
    const analysis = reviewOffThread(sources, engineOptionsOf(config, mode));
    // A slow analysis shows the run in progress, if the budget has room for that request too.
    if (checkRun && (await slow(analysis)) && requests() + 1 + REQUESTS_TO_PUBLISH <= budget) {
      checkRun = await startOrSayWhy(octokit, target, runOf(checkRun), log, notes);
    }
    const result: ReviewResult = await analysis;
    const published = await publishReview(octokit, target, result, {
      config,
      mode,
      listing,
      files,
      posted: context.posted,
      summaryComment: context.summary ?? null,
      checkRun,
      budget: { remaining: () => budget - requests(), startedAt },
      notes,
      log,
      publisher: 'App',
      onStep: (next) => (step = next),
      ...(newerHead ? { newerHead } : {}),
    });
    if (published.status === 'superseded') return published;
    return { status: 'completed', conclusion: published.conclusion, findings: result.findings.length, comments: published.comments };
  } catch (error) {
    log.error({ step, ...errorFields(error) }, 'Performance Review failed');
    try {
      if (checkRun) await completeCheckRun(octokit, target, runOf(checkRun), describeFailure(step, error), { startedAt });
    } catch (reportError) {
      log.error(errorFields(reportError), 'Could not complete the check run after a failed review');
    }
    return { status: 'failed', step };
  }
}

function runOf(checkRun: CheckRun | 'create'): CheckRun | undefined {
  return checkRun === 'create' ? undefined : checkRun;
}

/** Whether the analysis is still running after `reviewTiming.inProgressAfterMs` (0: always shown in progress). */
async function slow(analysis: Promise<unknown>): Promise<boolean> {
  if (reviewTiming.inProgressAfterMs <= 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), reviewTiming.inProgressAfterMs)));
  const done = analysis.then(
    () => false as const,
    () => false as const,
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Without the checks permission the review still goes on, and its summary says why no check gates the merge. */
async function startOrSayWhy(octokit: GitHub, target: ReviewTarget, existing: CheckRun | undefined, log: Logger, notes: string[]): Promise<CheckRun | 'create' | undefined> {
  try {
    return await markInProgress(octokit, target, existing);
  } catch (error) {
    log[isMissingPermission(error) ? 'warn' : 'error'](errorFields(error), 'Could not show the check run in progress');
    if (!isMissingPermission(error)) return existing ?? 'create';
    notes.push(NO_CHECKS_NOTE);
    return undefined;
  }
}

function skipped(log: Logger, request: ReviewRequest, reason: string): ReviewOutcome {
  log.info({ pullRequest: request.pullNumber, head: request.headSha, reason }, 'Review not started');
  return { status: 'skipped', reason };
}
