import { fingerprintsIn } from '../review/markers.js';
import { MAX_PER_PAGE } from './limits.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** An inline comment already on the pull request, as far as a review needs to know it. */
export interface PostedComment {
  id: number;
  path: string;
  /** Its line at the head; null once the code under it changed (GitHub calls it outdated). */
  line: number | null;
  /** Findings it is about, from the markers this App writes. */
  fingerprints: string[];
  /** Written by an App and starting a thread: only such a comment is this App's to resolve. */
  byApp: boolean;
  /** The review thread it starts, when read through GraphQL: resolved without looking it up again. */
  threadId?: string;
  resolved?: boolean;
}

/** Every inline comment on the pull request, so a push never repeats a finding and fixed ones are noticed. */
export async function listReviewComments(octokit: GitHub, target: ReviewTarget): Promise<PostedComment[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: MAX_PER_PAGE,
  });
  return comments.map((comment) => ({
    id: comment.id,
    path: comment.path,
    line: comment.line ?? null,
    fingerprints: fingerprintsIn(comment.body),
    byApp: comment.user?.type === 'Bot' && comment.in_reply_to_id == null,
  }));
}

/** Findings already commented on, by fingerprint, whoever's comment carries the marker. */
export function commentedFingerprints(comments: readonly PostedComment[]): Set<string> {
  return new Set(comments.flatMap((comment) => comment.fingerprints));
}
