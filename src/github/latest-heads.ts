import { BoundedMap } from './bounded-map.js';
import type { ReviewTarget } from './review-target.js';

/**
 * Pull requests whose newest head this process remembers: far more than are pushed to within the
 * few minutes a review takes. One that was forgotten is checked against GitHub instead.
 */
const MAX_PULL_REQUESTS = 10_000;

const heads = new BoundedMap<string, { sha: string; updatedAt: string }>(MAX_PULL_REQUESTS);

/** One key per pull request, whatever the case GitHub spells its owner and name in. */
export function pullRequestKey(target: Pick<ReviewTarget, 'owner' | 'repo' | 'pullNumber'>): string {
  return `${target.owner}/${target.repo}#${target.pullNumber}`.toLowerCase();
}

/** Notes the head a `pull_request` event announces, so a review of an older head knows it is stale. */
export function recordHead(target: Pick<ReviewTarget, 'owner' | 'repo' | 'pullNumber' | 'headSha' | 'updatedAt'>): void {
  const key = pullRequestKey(target);
  const known = heads.get(key);
  // A late or redelivered event of an earlier push must not make the newest head look stale.
  if (known && target.updatedAt !== undefined && known.updatedAt > target.updatedAt) return;
  heads.set(key, { sha: target.headSha, updatedAt: target.updatedAt ?? known?.updatedAt ?? '' });
}

/** The newer head this process has seen for the pull request, if the target's is no longer the newest. */
export function newerHeadThan(target: Pick<ReviewTarget, 'owner' | 'repo' | 'pullNumber' | 'headSha'>): string | undefined {
  const known = heads.get(pullRequestKey(target));
  return known && known.sha !== target.headSha ? known.sha : undefined;
}

/**
 * Notes the head GitHub showed when a review started, if an event of this process already gives the
 * pull request a head to order it against (by `updatedAt`). Without one (a worker process, which
 * receives no event), GitHub's answer might lag behind the push being reviewed, and is not trusted
 * over it: the push's own head is reviewed.
 */
export function recordShownHead(target: Pick<ReviewTarget, 'owner' | 'repo' | 'pullNumber' | 'headSha' | 'updatedAt'>): void {
  if (heads.has(pullRequestKey(target))) recordHead(target);
}
