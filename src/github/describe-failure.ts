import { formatConfigError, type ConfigError } from '../config/index.js';
import type { CheckRunOutcome } from './check-run.js';
import { httpStatusOf, isMissingPermission, requestIdOf } from './error-fields.js';
import { redact } from './redact.js';

/** The step a review was at when it stopped: what a person needs to know to act on it. */
export type ReviewStep = 'config' | 'files' | 'comments' | 'analyse' | 'review' | 'summary' | 'check';

const WHAT_FAILED: Record<ReviewStep, string> = {
  config: 'GitHub did not return the configuration file',
  files: 'GitHub did not return the changed files',
  comments: 'GitHub did not return the earlier review comments',
  analyse: 'The analysis stopped on an internal error',
  review: 'GitHub did not accept the inline review comments',
  summary: 'GitHub did not accept the summary comment',
  check: 'GitHub did not accept the results for this check run',
};

/** What was already done for the pull request when the step failed. */
const CONSEQUENCE: Record<ReviewStep, string> = {
  config: 'the review did not run',
  files: 'the review did not run',
  comments: 'the review did not run',
  analyse: 'the review did not run',
  review: 'no inline comments or summary were posted',
  summary: 'the inline comments were posted but the summary comment is not up to date',
  check: 'the comments on the pull request are up to date',
};

const PERMISSION_ADVICE =
  'The App is missing a permission it needs here: an owner of the installation can accept the permissions it requests in the installation settings.';

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
    isMissingPermission(error) ? PERMISSION_ADVICE : undefined,
    status ? `GitHub answered HTTP ${status}${requestId ? ` (request id \`${requestId}\`)` : ''}.` : undefined,
    error instanceof Error ? `The error was: ${oneLine(redact(error.message))}` : undefined,
  ].filter(Boolean);
  const summary = [
    `**${title}**`,
    'Re-run the check to try again. If it keeps failing, the error below tells the App\'s operator where to look.',
    ...details,
  ].join('\n\n');
  return { conclusion: 'failure', title: shortTitle(title), summary };
}

/**
 * A configuration that cannot be used fails the check and nothing else is posted: reviewing with
 * settings other than the ones written down would be a review nobody asked for.
 */
export function describeConfigError(error: ConfigError): CheckRunOutcome {
  const problems = error.problems.length > 1 ? ['', ...error.problems.map((problem) => `- ${problem}`)] : [];
  const summary = [
    `**${formatConfigError(error)}**`,
    ...problems,
    '',
    "Nothing was reviewed and nothing else was posted. The App reads its configuration from the repository's default branch, as every Probot App does: fix the file there, then re-run this check.",
  ].join('\n');
  return { conclusion: 'failure', title: shortTitle(`The configuration is not valid: ${error.file}`), summary };
}

function shortTitle(title: string): string {
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 499)}…` : line;
}

/**
 * A review that a newer push made stale ends `cancelled`, as GitHub Actions ends a run a newer push
 * cancels. Not `neutral`: branch protection counts that as passing, and this commit was never
 * reviewed. The pull request shows its head's check run, which is the newer review's.
 */
export function describeSuperseded(newer: string): CheckRunOutcome {
  const short = newer.slice(0, 7);
  return {
    conclusion: 'cancelled',
    title: `Superseded by ${short}: the newer commit is reviewed instead`,
    summary: `A newer commit (\`${short}\`) was pushed while this one was being reviewed. Nothing was posted for this commit: the review of the newer commit is the one the pull request shows.`,
  };
}
