import { newerHeadThan } from './latest-heads.js';
import type { ReviewTarget } from './review-target.js';

/**
 * The newer head that makes this review stale, checked just before anything is published: what
 * the `pull_request` events this process received say, at no cost. GitHub is not asked again: the
 * review read the head GitHub showed when it started, and a push that reaches another process is
 * reviewed there after this review (in Redis mode, a worker takes no job whose head Redis knows to
 * be stale, and reviews of one pull request run one at a time), so its summary and check run end
 * up the newest.
 */
export function supersededBy(target: ReviewTarget): string | undefined {
  return newerHeadThan(target);
}
