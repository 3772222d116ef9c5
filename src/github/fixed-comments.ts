import { addedLines } from '../engine/diff.js';
import type { Finding, ReviewMode } from '../engine/index.js';
import type { PostedComment } from './list-review-comments.js';

/** What this review looked at: a finding can only be called fixed where the review looked. */
export interface ReviewScope {
  mode: ReviewMode;
  /** The files analysed this time, with their patch (undefined: GitHub shows no diff, every line counts). */
  analysed: ReadonlyMap<string, string | undefined>;
  /** The files the pull request still changes (not removed); undefined when GitHub's list was cut short. */
  changed?: ReadonlySet<string>;
}

/**
 * This App's inline comments whose findings the review no longer reports. A comment counts only
 * when the review could have seen its finding again: its file was read and parsed, and its line is
 * one the review looks at (any line in a full review; a changed line, or a line that is gone, in a
 * review of the changes). A file the pull request no longer changes or has deleted is fixed too.
 * A file that was excluded, unreadable or did not parse says nothing either way.
 */
export function fixedComments(comments: readonly PostedComment[], findings: readonly Finding[], scope: ReviewScope): PostedComment[] {
  const reported = new Set(findings.map((finding) => finding.fingerprint));
  const added = new Map<string, Set<number>>();
  const changedLine = (path: string, line: number) => {
    const patch = scope.analysed.get(path);
    if (patch === undefined) return true;
    let lines = added.get(path);
    if (!lines) added.set(path, (lines = addedLines(patch)));
    return lines.has(line);
  };
  return comments.filter((comment) => {
    if (!comment.byApp || comment.fingerprints.length === 0) return false;
    if (comment.fingerprints.some((fingerprint) => reported.has(fingerprint))) return false;
    if (scope.changed && !scope.changed.has(comment.path)) return true;
    if (!scope.analysed.has(comment.path)) return false;
    return scope.mode === 'all' || comment.line === null || changedLine(comment.path, comment.line);
  });
}
