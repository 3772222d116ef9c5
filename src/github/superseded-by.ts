import { newerHeadThan } from './latest-heads.js';
import type { ReviewTarget } from './review-target.js';

/**
 * The newer head that makes this review stale, checked just before anything is published: what
 * the `pull_request` events this process received say, at no cost. GitHub is not asked again: the
 * review read the head GitHub showed when it started. A worker process receives no webhook: it
 * also asks the Redis queue's record of the newest pushed head (`PublishOptions.newerHead`), fed by
 * every replica of the App.
 */
export function supersededBy(target: ReviewTarget): string | undefined {
  return newerHeadThan(target);
}
