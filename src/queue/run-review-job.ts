import { Context, type Logger, type ProbotOctokit } from 'probot';
import { readSettings, type ConfigSource } from '../github/read-settings.js';
import { reviewTargetOf, type ReviewTarget } from '../github/review-target.js';
import { runReview, type ReviewOutcome } from '../github/run-review.js';
import { countGitHubRequests } from '../metrics/count-github-requests.js';
import { findingsTotal, githubRequestsPerReview, jobDuration } from '../metrics/metrics.js';
import type { ReviewJob } from './review-job.js';

export type JobOutcome = ReviewOutcome | { status: 'skipped'; reason: string };

/**
 * One queued review, wherever it runs (the App's own process or a worker): the pull request as it
 * is now, its configuration, then the review. Failures after the check run exists are reported on
 * it by `runReview`; what throws here (no pull request, no token) is for the queue to retry.
 */
export async function runReviewJob(job: ReviewJob, octokit: ProbotOctokit, log: Logger): Promise<JobOutcome> {
  const started = performance.now();
  const requests = countGitHubRequests(octokit);
  let outcome: JobOutcome | undefined;
  try {
    outcome = await reviewJob(job, octokit, log);
    return outcome;
  } finally {
    const status = outcome?.status ?? 'error';
    jobDuration.observe({ outcome: status }, (performance.now() - started) / 1000);
    githubRequestsPerReview.observe(requests());
    if (outcome?.status === 'completed') findingsTotal.inc(outcome.findings);
    log.info({ pullRequest: job.pullNumber, head: job.headSha, outcome: status, githubRequests: requests() }, 'Review job done');
  }
}

async function reviewJob(job: ReviewJob, octokit: ProbotOctokit, log: Logger): Promise<JobOutcome> {
  const { data: pullRequest } = await octokit.rest.pulls.get({ owner: job.owner, repo: job.repo, pull_number: job.pullNumber });
  if (job.trigger === 'push' && pullRequest.state !== 'open') return skipped(log, job, 'the pull request was closed while the review waited');
  // The push's own head, even when GitHub does not show it yet: the check before publishing decides.
  const current = reviewTargetOf(pullRequest.base.repo, pullRequest);
  const target: ReviewTarget = job.headSha && job.headSha !== current.headSha ? { ...current, headSha: job.headSha } : current;
  const settings = await readSettings(configSourceOf(job, octokit, log), target);
  // Marking a draft ready is the moment its author asks for reviews; a push waits for it.
  if (job.trigger === 'push' && pullRequest.draft && 'config' in settings && settings.config.skipDrafts) {
    return skipped(log, job, 'draft pull request (skipDrafts)');
  }
  return runReview(octokit, target, log, { mode: job.mode, settings });
}

/**
 * Probot's own reading of `.github/perf-review.yml` (`_extends`, the organisation's `.github`
 * repository), outside a webhook. The context also tags each request with the delivery id.
 */
function configSourceOf(job: ReviewJob, octokit: ProbotOctokit, log: Logger): ConfigSource {
  const event = { id: job.deliveryId, name: 'pull_request', payload: { repository: { name: job.repo, owner: { login: job.owner } } } };
  // The context reads only `payload.repository` for the configuration: the rest of a payload is not needed.
  const context = new Context(event as unknown as ConstructorParameters<typeof Context>[0], octokit, log);
  return { config: context.config.bind(context), octokit };
}

function skipped(log: Logger, job: ReviewJob, reason: string): JobOutcome {
  log.info({ pullRequest: job.pullNumber, head: job.headSha, reason }, 'Review not started');
  return { status: 'skipped', reason };
}
