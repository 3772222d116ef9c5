import type { CheckRunOutcome } from './check-run.js';

/** The step a review was at when it stopped: what a person needs to know to act on it. */
export type ReviewStep = 'files' | 'comments' | 'analyse' | 'review' | 'summary' | 'check';

const WHAT_FAILED: Record<ReviewStep, string> = {
  files: 'GitHub did not return the changed files',
  comments: 'GitHub did not return the earlier review comments',
  analyse: 'The analysis stopped on an internal error',
  review: 'GitHub did not accept the inline review comments',
  summary: 'GitHub did not accept the summary comment',
  check: 'GitHub did not accept the results for this check run',
};

/** What was already done for the pull request when the step failed. */
const CONSEQUENCE: Record<ReviewStep, string> = {
  files: 'the review did not run',
  comments: 'the review did not run',
  analyse: 'the review did not run',
  review: 'no inline comments or summary were posted',
  summary: 'the inline comments were posted but the summary comment is not up to date',
  check: 'the comments on the pull request are up to date',
};

/**
 * A failed review still completes its check run, never leaving it "in progress".
 *
 * The conclusion is `failure`, not `neutral`: branch protection counts `neutral` as passing, so an
 * outage would quietly let unreviewed code merge. A failure with a re-run button is honest about
 * what happened and costs one click.
 */
export function describeFailure(step: ReviewStep, error: unknown): CheckRunOutcome {
  const status = httpStatusOf(error);
  const requestId = requestIdOf(error);
  const title = `${WHAT_FAILED[step]}${status ? ` (HTTP ${status})` : ''}; ${CONSEQUENCE[step]}.`;
  const details = [
    status ? `GitHub answered HTTP ${status}${requestId ? ` (request id \`${requestId}\`)` : ''}.` : undefined,
    error instanceof Error ? `The error was: ${oneLine(error.message)}` : undefined,
  ].filter(Boolean);
  const summary = [
    `**${title}**`,
    'Re-run the check to try again. If it keeps failing, the error below tells the App\'s operator where to look.',
    ...details,
  ].join('\n\n');
  return { conclusion: 'failure', title: title.length > 200 ? `${title.slice(0, 199)}…` : title, summary };
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

function requestIdOf(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers;
  const id = headers?.['x-github-request-id'];
  return typeof id === 'string' ? id : undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}
