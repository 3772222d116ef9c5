import { Context, type Logger, type ProbotOctokit } from 'probot';
import type { ConfigSource } from '../github/read-settings.js';
import { runReview, type ReviewOutcome } from '../github/run-review.js';
import { countGitHubRequests } from '../metrics/count-github-requests.js';
import { findingsTotal, githubRequestsPerReview, jobDuration } from '../metrics/metrics.js';
import type { ReviewJob } from './review-job.js';

export type JobOutcome = ReviewOutcome;

/**
 * One queued review, wherever it runs (the App's own process or a worker): `runReview` reads the
 * pull request as it is now (skipping a closed one, or a draft under `skipDrafts`, after a push)
 * and reviews it. Failures once the pull request is known are reported on its check run; what
 * throws here (no pull request, no token) is for the queue to retry.
 */
export async function runReviewJob(job: ReviewJob, octokit: ProbotOctokit, log: Logger, newerHead?: () => Promise<string | undefined>): Promise<JobOutcome> {
  const started = performance.now();
  const requests = countGitHubRequests(octokit);
  let outcome: JobOutcome | undefined;
  try {
    outcome = await runReview(
      octokit,
      {
        owner: job.owner,
        repo: job.repo,
        pullNumber: job.pullNumber,
        ...(job.headSha !== undefined ? { headSha: job.headSha } : {}),
        mode: job.mode,
        push: job.trigger === 'push',
        configSource: configSourceOf(job, octokit, log),
        ...(newerHead ? { newerHead } : {}),
      },
      log,
    );
    return outcome;
  } finally {
    const status = outcome?.status ?? 'error';
    jobDuration.observe({ outcome: status }, (performance.now() - started) / 1000);
    githubRequestsPerReview.observe(requests());
    if (outcome?.status === 'completed') findingsTotal.inc(outcome.findings);
    log.info({ pullRequest: job.pullNumber, head: job.headSha, outcome: status, githubRequests: requests() }, 'Review job done');
  }
}

/**
 * Probot's own reading of `.github/perf-review.yml`, outside a webhook, for a file that `_extends`
 * another: only Probot follows the chain. The context also tags each request with the delivery id.
 */
function configSourceOf(job: ReviewJob, octokit: ProbotOctokit, log: Logger): ConfigSource {
  const event = { id: job.deliveryId, name: 'pull_request', payload: { repository: { name: job.repo, owner: { login: job.owner } } } };
  // The context reads only `payload.repository` for the configuration: the rest of a payload is not needed.
  const context = new Context(event as unknown as ConstructorParameters<typeof Context>[0], octokit, log);
  return { config: context.config.bind(context), octokit };
}
