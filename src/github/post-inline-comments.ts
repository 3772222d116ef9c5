import { commentableLines } from '../engine/diff.js';
import { errorFields, httpStatusOf, isMissingPermission } from './error-fields.js';
import { listChangedFiles } from './list-changed-files.js';
import type { NotInline, PlannedComment } from './plan-inline-comments.js';
import { postReview, type ReviewVerdict } from './post-review.js';
import type { ReviewTarget } from './review-target.js';
import { supersededBy } from './superseded-by.js';
import type { GitHub } from './types.js';

/** Who publishes, as the messages about a missing permission name it. */
export type Publisher = 'App' | 'workflow';

export type PostedInline =
  | { status: 'posted'; posted: number; notInline: NotInline[]; notes: string[] }
  | { status: 'superseded'; by: string };

/**
 * Posts the review, and never loses it to GitHub refusing a comment.
 *
 * A 422 does not say which comment GitHub refused. The usual cause is a diff that changed after it
 * was listed (the base branch moved, or the head did): the head is checked, then each comment's
 * lines against the diff as GitHub shows it now, and the review is posted again without the ones
 * that no longer fit. If GitHub still refuses it, every comment moves to the summary instead.
 * A 403 (the App's installation or the workflow's token lacks the pull requests permission) moves
 * them all there too, and says so.
 */
export async function postInlineComments(
  octokit: GitHub,
  target: ReviewTarget,
  comments: readonly PlannedComment[],
  verdict: ReviewVerdict,
  publisher: Publisher = 'App',
): Promise<PostedInline> {
  try {
    await postReview(octokit, target, comments, verdict);
    return posted(comments.length);
  } catch (error) {
    if (isMissingPermission(error)) {
      const note = `The ${publisher} may not post review comments on this repository (it lacks the pull requests write permission): the findings are listed here instead.`;
      return posted(0, moved(comments, `the ${publisher} may not post review comments here`), [note]);
    }
    if (httpStatusOf(error) !== 422) throw error;
    const newer = supersededBy(target);
    if (newer) return { status: 'superseded', by: newer };
    return retryWithoutRefused(octokit, target, comments, verdict, errorFields(error).message);
  }
}

async function retryWithoutRefused(octokit: GitHub, target: ReviewTarget, comments: readonly PlannedComment[], verdict: ReviewVerdict, refusal: string): Promise<PostedInline> {
  const note = `GitHub refused the inline comments (HTTP 422: ${refusal.replace(/\s+/g, ' ').trim()}).`;
  const { files } = await listChangedFiles(octokit, target);
  const lines = new Map(files.map((file) => [file.path, file.patch === undefined ? new Set<number>() : commentableLines(file.patch)]));
  const fits = (comment: PlannedComment) => {
    const inDiff = lines.get(comment.path);
    for (let line = comment.start_line ?? comment.line; line <= comment.line; line++) if (!inDiff?.has(line)) return false;
    return true;
  };
  const kept = comments.filter(fits);
  const refused = moved(comments.filter((comment) => !fits(comment)), 'GitHub refused it: the line is no longer in the diff');
  if (kept.length === 0) return posted(0, refused, [note]);
  try {
    await postReview(octokit, target, kept, verdict);
    return posted(kept.length, refused, [note]);
  } catch (error) {
    if (httpStatusOf(error) !== 422) throw error;
    return posted(0, moved(comments, 'GitHub refused the inline comments'), [note]);
  }
}

function moved(comments: readonly PlannedComment[], reason: string): NotInline[] {
  return comments.map((comment) => ({ finding: comment.finding, reason }));
}

function posted(count: number, notInline: NotInline[] = [], notes: string[] = []): PostedInline {
  return { status: 'posted', posted: count, notInline, notes };
}
