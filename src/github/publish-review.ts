import type { PerfReviewConfig } from '../config/index.js';
import type { ReviewMode, ReviewResult } from '../engine/index.js';
import { docsUrlFor } from '../review/docs.js';
import { CHANGES_REQUESTED_MARKER, reachesFailOn, renderReview, type FailOn, type RenderedReview } from '../review/index.js';
import { renderInlineComment } from '../review/inline.js';
import { plural } from '../review/markdown.js';
import { annotationsOf } from './annotations.js';
import { completeCheckRun, type CheckRun, type CheckRunOutcome, type CompletionLimits } from './check-run.js';
import { describeSuperseded, type ReviewStep } from './describe-failure.js';
import { dismissChangeRequests } from './dismiss-change-requests.js';
import { errorFields, isMissingPermission } from './error-fields.js';
import { fixedComments } from './fixed-comments.js';
import { MAX_CHECK_RUN_SUMMARY, MAX_COMMENT_BODY } from './limits.js';
import type { ChangedFile, ChangedFiles } from './list-changed-files.js';
import { commentedFingerprints, type PostedComment } from './list-review-comments.js';
import { planInlineComments, type NotInline } from './plan-inline-comments.js';
import { postInlineComments, type Publisher } from './post-inline-comments.js';
import type { ReviewVerdict } from './post-review.js';
import type { SummaryComment } from './read-review-context.js';
import { resolveThreads } from './resolve-threads.js';
import type { ReviewTarget } from './review-target.js';
import { supersededBy } from './superseded-by.js';
import { truncate } from './truncate.js';
import type { GitHub } from './types.js';
import { upsertSummary } from './upsert-summary.js';

export type { Publisher } from './post-inline-comments.js';

/** Where publishing reports what it did and what GitHub refused: Probot's logger, or the job log. */
export interface PublishLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PublishOptions {
  config: PerfReviewConfig;
  mode: ReviewMode;
  /** GitHub's list of the pull request's changed files. */
  listing: ChangedFiles;
  /** The files of the listing the review covered, with GitHub's patches: inline comments go on their diff lines. */
  files: readonly ChangedFile[];
  /** The inline comments already on the pull request: no finding is commented twice. */
  posted: readonly PostedComment[];
  /**
   * The head commit's check run: one in progress (or found to reuse), `'create'` to create it
   * completed with the verdict in one request, or undefined when the App may not write check runs.
   */
  checkRun: CheckRun | 'create' | undefined;
  /** The summary comment the review's context found (null: none yet); undefined, it is looked up. */
  summaryComment?: SummaryComment | null;
  /** The requests the review may still make, so annotations past the first 50 stay within its budget. */
  budget?: { remaining: () => number; startedAt: string };
  /** Sentences for the summary gathered before publishing (files left out, no check run). */
  notes: readonly string[];
  log: PublishLog;
  /** Who publishes: the messages about a missing permission name the App or the workflow. */
  publisher: Publisher;
  /** Told when publishing moves to its next step, so a failure can say which one failed. */
  onStep?: (step: ReviewStep) => void;
  /** A shared record of the newest head (the Redis queue's), asked with this process's before publishing. */
  newerHead?: () => Promise<string | undefined>;
}

export type Published =
  | { status: 'completed'; conclusion: 'success' | 'failure'; comments: number }
  | { status: 'superseded'; by: string };

/**
 * Publishes a review of a pull request: the one publisher of the App and the Actions mode.
 *
 * Unless a newer head makes the review stale, it posts one review with the new inline comments
 * (fingerprinted, on diff lines only, at most `maxInlineComments`), resolves the threads of fixed
 * findings, withdraws a request for changes nothing justifies any more, creates or updates the one
 * summary comment (unless its text is the same), and completes the check run with annotations in
 * batches, as many as the review's budget of requests leaves room for. What GitHub refuses
 * for lack of a permission costs a note in the summary, never the review.
 */
export async function publishReview(octokit: GitHub, target: ReviewTarget, result: ReviewResult, options: PublishOptions): Promise<Published> {
  const { config, checkRun, log, publisher } = options;
  const patches = new Map(options.files.map((file) => [file.path, file.patch]));
  const plan = planInlineComments(result.findings, patches, commentedFingerprints(options.posted), renderWithDocs, config.maxInlineComments);

  options.onStep?.('review');
  const newer = supersededBy(target) ?? (await options.newerHead?.());
  const inline = newer ? { status: 'superseded' as const, by: newer } : await postInlineComments(octokit, target, plan.comments, verdictOf(result, config), publisher);
  if (inline.status === 'superseded') {
    log.info({ head: target.headSha, newer: inline.by }, 'Review superseded by a newer commit: nothing published');
    // A run this review never showed stays as it is: the pull request shows the newer head's.
    if (checkRun && checkRun !== 'create') await completeCheckRun(octokit, target, checkRun, describeSuperseded(inline.by));
    return { status: 'superseded', by: inline.by };
  }
  const notes = [
    ...options.notes,
    ...inline.notes,
    ...(await resolveFixed(octokit, target, result, patches, options)),
    ...(await withdrawChangeRequests(octokit, target, result, options)),
  ];

  options.onStep?.('summary');
  const rendered = renderPullRequestReview(target, result, { files: options.files, notInline: [...plan.notInline, ...inline.notInline], notes, failOn: config.failOn });
  const unposted = await upsertSummaryOrSayWhy(octokit, target, rendered.summary, log, publisher, options.summaryComment);

  options.onStep?.('check');
  if (checkRun) {
    const summary = unposted ? `> ${unposted}\n\n${rendered.summary}` : rendered.summary;
    const outcome = { conclusion: rendered.conclusion, title: rendered.title, summary, annotations: annotationsOf(result.findings) };
    const { budget } = options;
    const limits = budget ? { maxRequests: budget.remaining(), startedAt: budget.startedAt } : {};
    await completeCheckRunOrSayWhy(octokit, target, checkRun, outcome, limits, log);
  }
  log.info({ conclusion: rendered.conclusion, findings: result.findings.length, comments: inline.posted }, 'Performance Review posted');
  return { status: 'completed', conclusion: rendered.conclusion, comments: inline.posted };
}

export interface SummaryParts {
  files: readonly ChangedFile[];
  notInline?: NotInline[];
  notes?: string[];
  failOn: FailOn;
}

/**
 * The summary in the specification's template, as the pull request shows it: the summary comment,
 * the check run's text, and the job summary when a workflow may not write to the pull request.
 */
export function renderPullRequestReview(target: ReviewTarget, result: ReviewResult, parts: SummaryParts): RenderedReview {
  return renderReview(result, {
    title: target.title.trim() || parts.files.map((file) => file.path).join(', '),
    date: new Date().toISOString().slice(0, 10),
    linkTo: (path, line) => `${target.repoUrl}/blob/${target.headSha}/${encodeURI(path)}#L${line}`,
    docsUrl: docsUrlFor,
    failOn: parts.failOn,
    notInline: parts.notInline ?? [],
    notes: parts.notes ?? [],
    // The same text goes into the comment and the check run: it must fit the smaller of the two.
    maxLength: Math.min(MAX_COMMENT_BODY, MAX_CHECK_RUN_SUMMARY),
  });
}

function renderWithDocs(finding: Parameters<typeof renderInlineComment>[0]): string {
  return renderInlineComment(finding, docsUrlFor(finding.rule));
}

/** `REQUEST_CHANGES` only when the merge gate is reached: a minor finding is no reason to block. */
function verdictOf(result: ReviewResult, config: PerfReviewConfig): ReviewVerdict {
  const blocking = result.findings.filter((finding) => reachesFailOn(finding.severity, config.failOn)).length;
  if (config.reviewEvent !== 'REQUEST_CHANGES' || blocking === 0) return { event: 'COMMENT' };
  return {
    event: 'REQUEST_CHANGES',
    body: `${plural(blocking, 'finding')} ${blocking === 1 ? 'reaches' : 'reach'} the merge gate (\`failOn: ${config.failOn}\`). The summary comment lists every finding.\n\n${CHANGES_REQUESTED_MARKER}`,
  };
}

/** Under `REQUEST_CHANGES`, a review with nothing at the gate takes back the earlier requests. */
async function withdrawChangeRequests(octokit: GitHub, target: ReviewTarget, result: ReviewResult, { config, log, publisher }: PublishOptions): Promise<string[]> {
  if (config.reviewEvent !== 'REQUEST_CHANGES' || verdictOf(result, config).event === 'REQUEST_CHANGES') return [];
  try {
    const dismissed = await dismissChangeRequests(octokit, target, `No finding reaches the merge gate (failOn: ${config.failOn}) at ${target.headSha.slice(0, 7)}.`);
    return dismissed === 0 ? [] : [`No finding reaches the merge gate any more: the ${publisher} dismissed its request for changes.`];
  } catch (error) {
    log.warn(errorFields(error), 'Could not dismiss an earlier request for changes');
    return [`No finding reaches the merge gate any more, but GitHub did not let the ${publisher} dismiss its earlier request for changes: a maintainer can dismiss it.`];
  }
}

/** Resolves the threads of findings that are gone. A failure here costs a note, never the review. */
async function resolveFixed(
  octokit: GitHub,
  target: ReviewTarget,
  result: ReviewResult,
  patches: ReadonlyMap<string, string | undefined>,
  { listing, mode, posted, log, publisher }: PublishOptions,
): Promise<string[]> {
  const analysed = new Map(result.analysed.map((path) => [path, patches.get(path)]));
  const changed = listing.truncated ? undefined : new Set(listing.files.filter((file) => file.status !== 'removed').map((file) => file.path));
  const fixed = fixedComments(posted, result.findings, { mode, analysed, ...(changed ? { changed } : {}) });
  if (fixed.length === 0) return [];
  try {
    const resolved = await resolveThreads(octokit, target, fixed);
    return resolved === 0 ? [] : [`Fixed since the last review: ${plural(resolved, 'finding')} commented on earlier ${resolved === 1 ? 'is' : 'are'} no longer reported, so ${resolved === 1 ? 'its thread was' : 'their threads were'} resolved.`];
  } catch (error) {
    log.warn(errorFields(error), 'Could not resolve the threads of fixed findings');
    return [`${plural(fixed.length, 'finding')} commented on earlier ${fixed.length === 1 ? 'is' : 'are'} no longer reported, but GitHub did not let the ${publisher} resolve ${fixed.length === 1 ? 'its thread' : 'their threads'}.`];
  }
}

/**
 * A run created only now, at the end, can still meet a missing checks permission: the review is
 * published all the same, and the log says why no check gates the merge.
 */
async function completeCheckRunOrSayWhy(
  octokit: GitHub,
  target: ReviewTarget,
  checkRun: CheckRun | 'create',
  outcome: CheckRunOutcome,
  limits: CompletionLimits,
  log: PublishLog,
): Promise<void> {
  try {
    await completeCheckRun(octokit, target, checkRun === 'create' ? undefined : checkRun, outcome, limits);
  } catch (error) {
    if (checkRun !== 'create' || !isMissingPermission(error)) throw error;
    log.warn(errorFields(error), 'Could not create the check run: the App lacks the checks write permission, so this review cannot gate the merge');
  }
}

/** Without permission to comment, the check run carries the summary, and says why. */
async function upsertSummaryOrSayWhy(
  octokit: GitHub,
  target: ReviewTarget,
  summary: string,
  log: PublishLog,
  publisher: Publisher,
  existing: SummaryComment | null | undefined,
): Promise<string | undefined> {
  try {
    // renderReview already fits `maxLength`; cutting here only guards GitHub's hard limit.
    await upsertSummary(octokit, target, truncate(summary, MAX_COMMENT_BODY, '\n\n…cut here: GitHub allows no longer comment.'), existing);
    return undefined;
  } catch (error) {
    if (!isMissingPermission(error)) throw error;
    log.warn(errorFields(error), 'Could not post the summary comment');
    return `The summary comment could not be posted: the ${publisher} lacks the permission to comment on this repository (issues write). This check run carries the summary instead.`;
  }
}
