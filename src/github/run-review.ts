import type { Logger } from 'probot';
import { review } from '../engine/index.js';
import { docsUrlFor } from '../review/docs.js';
import { renderReview } from '../review/index.js';
import { renderInlineComment } from '../review/inline.js';
import type { SummaryContext } from '../review/types.js';
import { annotationsOf } from './annotations.js';
import { completeCheckRun, createCheckRun } from './check-run.js';
import { commentedFingerprints } from './commented-fingerprints.js';
import { describeFailure, httpStatusOf, type ReviewStep } from './describe-failure.js';
import { MAX_CHECK_RUN_SUMMARY, MAX_COMMENT_BODY, MAX_PULL_REQUEST_FILES } from './limits.js';
import { listChangedFiles, type ChangedFile } from './list-changed-files.js';
import { planInlineComments, type InlinePlan } from './plan-inline-comments.js';
import { postReview } from './post-review.js';
import { readSources } from './read-sources.js';
import type { ReviewTarget } from './review-target.js';
import { truncate } from './truncate.js';
import type { GitHub } from './types.js';
import { upsertSummary } from './upsert-summary.js';

export type ReviewOutcome =
  | { status: 'completed'; conclusion: 'success' | 'failure'; findings: number; comments: number }
  | { status: 'failed'; step: ReviewStep };

/** The gate of the contract: only critical findings fail the check until configuration says otherwise. */
const FAIL_ON = 'critical';

/**
 * One review of a pull request at its head commit, from the check run to the summary: the unit of
 * work a webhook asks for. Whatever fails after the check run exists, the check run is completed
 * with a message a person can act on.
 */
export async function runReview(octokit: GitHub, target: ReviewTarget, log: Logger): Promise<ReviewOutcome> {
  const checkRunId = await createCheckRun(octokit, target);
  let step: ReviewStep = 'files';
  try {
    const { files, truncated } = await listChangedFiles(octokit, target);
    const sources = await readSources(octokit, target, files);
    step = 'comments';
    const commented = await commentedFingerprints(octokit, target);

    step = 'analyse';
    const result = review(sources, { mode: 'changed' });
    const patches = new Map(files.map((file) => [file.path, file.patch]));
    const plan = planInlineComments(result.findings, patches, commented, (finding) => renderInlineComment(finding, docsUrlFor(finding.rule)));
    const notes = truncated ? [`GitHub lists at most ${MAX_PULL_REQUEST_FILES.toLocaleString('en-US')} files of a pull request: only those were reviewed.`] : [];
    const rendered = renderReview(result, summaryContext(target, files, plan.notInline, notes));

    step = 'review';
    await postReview(octokit, target, plan.comments);
    step = 'summary';
    // renderReview already fits `maxLength`; cutting here only guards GitHub's hard limit.
    await upsertSummary(octokit, target, truncate(rendered.summary, MAX_COMMENT_BODY, '\n\n…cut here: GitHub allows no longer comment.'));
    step = 'check';
    await completeCheckRun(octokit, target, checkRunId, {
      conclusion: rendered.conclusion,
      title: rendered.title,
      summary: rendered.summary,
      annotations: annotationsOf(result.findings),
    });
    log.info({ conclusion: rendered.conclusion, findings: result.findings.length, comments: plan.comments.length }, 'Performance Review posted');
    return { status: 'completed', conclusion: rendered.conclusion, findings: result.findings.length, comments: plan.comments.length };
  } catch (error) {
    // Only the status and message: a logged request could carry headers the log must not keep.
    log.error({ step, status: httpStatusOf(error), message: error instanceof Error ? error.message : String(error) }, 'Performance Review failed');
    try {
      await completeCheckRun(octokit, target, checkRunId, describeFailure(step, error));
    } catch (reportError) {
      log.error({ status: httpStatusOf(reportError) }, 'Could not complete the check run after a failed review');
    }
    return { status: 'failed', step };
  }
}

function summaryContext(target: ReviewTarget, files: readonly ChangedFile[], notInline: InlinePlan['notInline'], notes: string[]): SummaryContext {
  return {
    title: target.title.trim() || files.map((file) => file.path).join(', '),
    date: new Date().toISOString().slice(0, 10),
    linkTo: (path, line) => `${target.repoUrl}/blob/${target.headSha}/${encodeURI(path)}#L${line}`,
    docsUrl: docsUrlFor,
    failOn: FAIL_ON,
    notInline,
    notes,
    // The same text goes into the comment and the check run: it must fit the smaller of the two.
    maxLength: Math.min(MAX_COMMENT_BODY, MAX_CHECK_RUN_SUMMARY),
  };
}
