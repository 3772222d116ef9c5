import type { Logger } from 'probot';
import type { ReviewJob } from '../queue/review-job.js';
import type { ReviewQueue } from '../queue/review-queue.js';

/** What every handler's context has that a job needs. */
export interface QueueingContext {
  id: string;
  log: Logger;
  payload: { installation?: { id: number }; repository: { name: string; owner: { login: string } } };
}

export type ReviewRequest = Pick<ReviewJob, 'pullNumber' | 'headSha' | 'mode' | 'trigger'> & { updatedAt?: string };

/** Queues the review and returns: the webhook is answered now, the review follows. */
export async function enqueueReview(context: QueueingContext, queue: ReviewQueue, { updatedAt, ...request }: ReviewRequest): Promise<void> {
  const { installation, repository } = context.payload;
  // Every event of a GitHub App installation names it; without one there is no token to review with.
  if (!installation) {
    context.log.warn({ pullRequest: request.pullNumber }, 'Event without an installation: no review queued');
    return;
  }
  const job: ReviewJob = { installationId: installation.id, owner: repository.owner.login, repo: repository.name, ...request, deliveryId: context.id };
  const enqueued = await queue.add(job, updatedAt !== undefined ? { updatedAt } : {});
  context.log.info({ pullRequest: job.pullNumber, head: job.headSha, mode: job.mode, enqueued }, 'Review queued');
}
