import type { Logger } from 'probot';
import { engineOptionsOf, formatConfigError, selectFiles, type PerfReviewConfig } from '../config/index.js';
import { isAnalysablePath } from '../engine/files.js';
import type { ReviewMode, ReviewResult } from '../engine/index.js';
import { reviewOffThread } from '../engine/pool/review-off-thread.js';
import { docsUrlFor } from '../review/docs.js';
import { CHANGES_REQUESTED_MARKER, reachesFailOn, renderReview } from '../review/index.js';
import { renderInlineComment } from '../review/inline.js';
import { plural } from '../review/markdown.js';
import type { SummaryContext } from '../review/types.js';
import { annotationsOf } from './annotations.js';
import { completeCheckRun, startCheckRun, type CheckRun } from './check-run.js';
import { describeConfigError, describeFailure, describeSuperseded, type ReviewStep } from './describe-failure.js';
import { dismissChangeRequests } from './dismiss-change-requests.js';
import { errorFields, isMissingPermission } from './error-fields.js';
import { fixedComments } from './fixed-comments.js';
import { inTurn } from './in-turn.js';
import { newerHeadThan, pullRequestKey } from './latest-heads.js';
import { MAX_CHECK_RUN_SUMMARY, MAX_COMMENT_BODY, MAX_PULL_REQUEST_FILES } from './limits.js';
import { listChangedFiles, type ChangedFile, type ChangedFiles } from './list-changed-files.js';
import { commentedFingerprints, listReviewComments, type PostedComment } from './list-review-comments.js';
import { planInlineComments, type NotInline } from './plan-inline-comments.js';
import type { ReviewVerdict } from './post-review.js';
import { publishReview } from './publish-review.js';
import type { Settings } from './read-settings.js';
import { readSources } from './read-sources.js';
import { resolveThreads } from './resolve-threads.js';
import type { ReviewTarget } from './review-target.js';
import { supersededBy } from './superseded-by.js';
import { truncate } from './truncate.js';
import type { GitHub } from './types.js';
import { upsertSummary } from './upsert-summary.js';

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
    const files = selectChangedFiles(listing, config, target, notes);
    const sources = await readSources(octokit, target, files);
    step = 'comments';
    const posted = await listReviewComments(octokit, target);

    step = 'analyse';
    const result = await reviewOffThread(sources, engineOptionsOf(config, mode));
    const patches = new Map(files.map((file) => [file.path, file.patch]));
    const render = (finding: Parameters<typeof renderInlineComment>[0]) => renderInlineComment(finding, docsUrlFor(finding.rule));
    const plan = planInlineComments(result.findings, patches, commentedFingerprints(posted), render, config.maxInlineComments);

    step = 'review';
    const newer = await supersededBy(octokit, target);
    const published = newer ? { status: 'superseded' as const, by: newer } : await publishReview(octokit, target, plan.comments, verdictOf(result, config));
    if (published.status === 'superseded') {
      log.info({ head: target.headSha, newer: published.by }, 'Review superseded by a newer commit: nothing published');
      if (checkRun) await completeCheckRun(octokit, target, checkRun, describeSuperseded(published.by));
      return { status: 'superseded', by: published.by };
    }
    notes.push(...published.notes, ...(await resolveFixed(octokit, target, log, posted, result, patches, listing, mode)));
    notes.push(...(await withdrawChangeRequests(octokit, target, log, result, config)));

    step = 'summary';
    const notInline = [...plan.notInline, ...published.notInline];
    const rendered = renderReview(result, summaryContext(target, files, notInline, notes, config));
    const unposted = await upsertSummaryOrSayWhy(octokit, target, log, rendered.summary);
    step = 'check';
    if (checkRun) {
      const summary = unposted ? `> ${unposted}\n\n${rendered.summary}` : rendered.summary;
      await completeCheckRun(octokit, target, checkRun, { conclusion: rendered.conclusion, title: rendered.title, summary, annotations: annotationsOf(result.findings) });
    }
    log.info({ conclusion: rendered.conclusion, findings: result.findings.length, comments: published.posted }, 'Performance Review posted');
    return { status: 'completed', conclusion: rendered.conclusion, findings: result.findings.length, comments: published.posted };
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

/** Without permission to comment, the check run carries the summary, and says why. */
async function upsertSummaryOrSayWhy(octokit: GitHub, target: ReviewTarget, log: Logger, summary: string): Promise<string | undefined> {
  try {
    // renderReview already fits `maxLength`; cutting here only guards GitHub's hard limit.
    await upsertSummary(octokit, target, truncate(summary, MAX_COMMENT_BODY, '\n\n…cut here: GitHub allows no longer comment.'));
    return undefined;
  } catch (error) {
    if (!isMissingPermission(error)) throw error;
    log.warn(errorFields(error), 'Could not post the summary comment');
    return 'The summary comment could not be posted: the App lacks the permission to comment on this repository (issues write). This check run carries the summary instead.';
  }
}

/** `include` / `exclude` apply to the changed paths, so excluded files are never read. */
function selectChangedFiles(listing: ChangedFiles, config: PerfReviewConfig, target: ReviewTarget, notes: string[]): ChangedFile[] {
  if (listing.truncated) {
    const total = target.changedFiles !== undefined && target.changedFiles > listing.files.length ? ` of its ${target.changedFiles.toLocaleString('en-US')} changed files` : '';
    notes.push(`GitHub lists at most ${MAX_PULL_REQUEST_FILES.toLocaleString('en-US')} files of a pull request: only the first ${listing.files.length.toLocaleString('en-US')}${total} were reviewed.`);
  }
  const kept = new Set(selectFiles(listing.files.map((file) => file.path), config));
  const excluded = listing.files.filter((file) => !kept.has(file.path) && file.status !== 'removed' && isAnalysablePath(file.path)).length;
  if (excluded > 0) notes.push(`${plural(excluded, 'changed code file')} left out by \`include\` / \`exclude\` in \`.github/perf-review.yml\`.`);
  return listing.files.filter((file) => kept.has(file.path));
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

/** Under `REQUEST_CHANGES`, a review with nothing at the gate takes back the App's earlier requests. */
async function withdrawChangeRequests(octokit: GitHub, target: ReviewTarget, log: Logger, result: ReviewResult, config: PerfReviewConfig): Promise<string[]> {
  if (config.reviewEvent !== 'REQUEST_CHANGES' || verdictOf(result, config).event === 'REQUEST_CHANGES') return [];
  try {
    const dismissed = await dismissChangeRequests(octokit, target, `No finding reaches the merge gate (failOn: ${config.failOn}) at ${target.headSha.slice(0, 7)}.`);
    return dismissed === 0 ? [] : [`No finding reaches the merge gate any more: the App dismissed its request for changes.`];
  } catch (error) {
    log.warn(errorFields(error), 'Could not dismiss an earlier request for changes');
    return ['No finding reaches the merge gate any more, but GitHub did not let the App dismiss its earlier request for changes: a maintainer can dismiss it.'];
  }
}

/** Resolves the threads of findings that are gone. A failure here costs a note, never the review. */
async function resolveFixed(
  octokit: GitHub,
  target: ReviewTarget,
  log: Logger,
  posted: readonly PostedComment[],
  result: ReviewResult,
  patches: ReadonlyMap<string, string | undefined>,
  listing: ChangedFiles,
  mode: ReviewMode,
): Promise<string[]> {
  const analysed = new Map(result.analysed.map((path) => [path, patches.get(path)]));
  const changed = listing.truncated ? undefined : new Set(listing.files.filter((file) => file.status !== 'removed').map((file) => file.path));
  const fixed = fixedComments(posted, result.findings, { mode, analysed, ...(changed ? { changed } : {}) });
  if (fixed.length === 0) return [];
  try {
    const resolved = await resolveThreads(octokit, target, fixed.map((comment) => comment.id));
    return resolved === 0 ? [] : [`Fixed since the last review: ${plural(resolved, 'finding')} commented on earlier ${resolved === 1 ? 'is' : 'are'} no longer reported, so ${resolved === 1 ? 'its thread was' : 'their threads were'} resolved.`];
  } catch (error) {
    log.warn(errorFields(error), 'Could not resolve the threads of fixed findings');
    return [`${plural(fixed.length, 'finding')} commented on earlier ${fixed.length === 1 ? 'is' : 'are'} no longer reported, but GitHub did not let the App resolve ${fixed.length === 1 ? 'its thread' : 'their threads'}.`];
  }
}

function summaryContext(target: ReviewTarget, files: readonly ChangedFile[], notInline: NotInline[], notes: string[], config: PerfReviewConfig): SummaryContext {
  return {
    title: target.title.trim() || files.map((file) => file.path).join(', '),
    date: new Date().toISOString().slice(0, 10),
    linkTo: (path, line) => `${target.repoUrl}/blob/${target.headSha}/${encodeURI(path)}#L${line}`,
    docsUrl: docsUrlFor,
    failOn: config.failOn,
    notInline,
    notes,
    // The same text goes into the comment and the check run: it must fit the smaller of the two.
    maxLength: Math.min(MAX_COMMENT_BODY, MAX_CHECK_RUN_SUMMARY),
  };
}
