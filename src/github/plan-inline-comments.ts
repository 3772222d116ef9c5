import { commentableLines } from '../engine/diff.js';
import type { Finding } from '../engine/index.js';
import { MAX_COMMENT_BODY } from './limits.js';
import type { InlineComment } from './post-review.js';

/** The contract's default for `maxInlineComments`: past it a review buries the conversation. */
export const MAX_INLINE_COMMENTS = 25;

export interface InlinePlan {
  comments: InlineComment[];
  /** Findings the summary lists instead, with the reason a person reads. */
  notInline: { finding: Finding; reason: string }[];
}

/**
 * Decides where each finding goes. GitHub only accepts review comments on lines inside the diff
 * (422 otherwise), and a finding already commented on this pull request is not commented again.
 */
export function planInlineComments(
  findings: readonly Finding[],
  patches: ReadonlyMap<string, string | undefined>,
  commented: ReadonlySet<string>,
  render: (finding: Finding) => string,
): InlinePlan {
  const plan: InlinePlan = { comments: [], notInline: [] };
  const linesByPath = new Map<string, Set<number>>();
  for (const finding of findings) {
    if (commented.has(finding.fingerprint)) continue;
    const patch = patches.get(finding.path);
    if (patch === undefined) {
      plan.notInline.push({ finding, reason: 'GitHub shows no diff for this file' });
      continue;
    }
    let lines = linesByPath.get(finding.path);
    if (!lines) linesByPath.set(finding.path, (lines = commentableLines(patch)));
    if (!lines.has(finding.line)) {
      plan.notInline.push({ finding, reason: `line ${finding.line} is outside the diff` });
      continue;
    }
    if (plan.comments.length >= MAX_INLINE_COMMENTS) {
      plan.notInline.push({ finding, reason: `more than ${MAX_INLINE_COMMENTS} inline comments in one review` });
      continue;
    }
    const { suggest, ...at } = anchor(finding, lines);
    const body = render(suggest ? finding : withoutFix(finding));
    if (body.length > MAX_COMMENT_BODY) {
      plan.notInline.push({ finding, reason: 'the comment is longer than GitHub allows' });
      continue;
    }
    plan.comments.push({ path: finding.path, ...at, body });
  }
  return plan;
}

/**
 * A suggested fix replaces exactly the lines its comment covers, so a fix over several lines needs
 * a comment over the same lines, which GitHub accepts only when every one of them is in the diff.
 * Otherwise the comment keeps its line and offers no suggestion: a wrong one is worse than none.
 */
function anchor(finding: Finding, lines: Set<number>): { line: number; start_line?: number; suggest: boolean } {
  if (finding.fix === undefined || finding.endLine <= finding.line) return { line: finding.line, suggest: true };
  for (let line = finding.line; line <= finding.endLine; line++) {
    if (!lines.has(line)) return { line: finding.line, suggest: false };
  }
  return { start_line: finding.line, line: finding.endLine, suggest: true };
}

function withoutFix(finding: Finding): Finding {
  const { fix: _fix, ...rest } = finding;
  return rest;
}
