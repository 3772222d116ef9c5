import { DEFAULT_CONFIG } from '../config/index.js';
import { commentableLines } from '../engine/diff.js';
import type { Finding } from '../engine/index.js';
import { fingerprintMarker } from '../review/markers.js';
import { MAX_COMMENT_BODY } from './limits.js';
import type { InlineComment } from './post-review.js';
import { truncate } from './truncate.js';

/** An inline comment with the finding it is about, so a comment GitHub refuses can go to the summary. */
export interface PlannedComment extends InlineComment {
  finding: Finding;
}

export interface NotInline {
  finding: Finding;
  /** Why the summary lists it instead, for the person reading. */
  reason: string;
}

export interface InlinePlan {
  comments: PlannedComment[];
  notInline: NotInline[];
}

const CUT_NOTE = '\n\n…cut here: GitHub allows no longer comment. The rule\'s doc has the rest.';

/**
 * Decides where each finding goes. GitHub only accepts review comments on lines inside the diff
 * (422 otherwise), a finding already commented on this pull request is not commented again, and
 * past `maxInlineComments` the rest wait in the summary.
 */
export function planInlineComments(
  findings: readonly Finding[],
  patches: ReadonlyMap<string, string | undefined>,
  commented: ReadonlySet<string>,
  render: (finding: Finding) => string,
  maxInlineComments: number = DEFAULT_CONFIG.maxInlineComments,
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
    if (plan.comments.length >= maxInlineComments) {
      plan.notInline.push({ finding, reason: `past the ${maxInlineComments} inline comments one review may post (\`maxInlineComments\`)` });
      continue;
    }
    const { suggest, ...at } = anchor(finding, lines);
    plan.comments.push({ path: finding.path, ...at, body: fitBody(suggest ? finding : withoutFix(finding), render), finding });
  }
  return plan;
}

/**
 * GitHub refuses a longer body with 422. A suggestion is dropped before anything is cut, since a
 * cut suggestion would be wrong code one click away from being committed; the fingerprint marker
 * stays at the end, or the next push would comment the finding again.
 */
function fitBody(finding: Finding, render: (finding: Finding) => string): string {
  let body = render(finding);
  if (body.length > MAX_COMMENT_BODY && finding.fix !== undefined) body = render(withoutFix(finding));
  if (body.length <= MAX_COMMENT_BODY) return body;
  const marker = fingerprintMarker(finding.fingerprint);
  const text = body.endsWith(marker) ? body.slice(0, -marker.length).trimEnd() : body;
  return `${truncate(text, MAX_COMMENT_BODY - marker.length - 2, CUT_NOTE)}\n\n${marker}`;
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
