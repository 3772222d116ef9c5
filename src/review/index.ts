import { conclusionOf } from './conclusion.js';
import { renderSummary } from './summary.js';
import { checkRunTitle } from './title.js';
import type { RenderedReview, ReviewResult, SummaryContext } from './types.js';

export type * from './types.js';
export { conclusionOf, reachesFailOn } from './conclusion.js';
export { DEFAULT_DOCS_BASE, docsUrlFor } from './docs.js';
export { renderInlineComment } from './inline.js';
export { renderJson, toJsonReport } from './json.js';
export { CHANGES_REQUESTED_MARKER, SUMMARY_MARKER, fingerprintMarker, fingerprintsIn } from './markers.js';
export { renderText } from './text.js';
export { checkRunTitle, renderSummary };

/** Fewer and fewer list items per section, tried in turn when a summary is longer than allowed. */
const LIST_LIMITS = [200, 50, 20, 5, 0];

/** Renders a review result for every front end: the summary comment, the check's verdict and its title. */
export function renderReview(result: ReviewResult, ctx: SummaryContext): RenderedReview {
  let summary = renderSummary(result, ctx);
  const max = ctx.maxLength;
  if (max !== undefined) {
    for (const limit of LIST_LIMITS) {
      if (summary.length <= max) break;
      summary = renderSummary(result, ctx, limit);
    }
    // Only a huge title or checklist could still overflow; cut rather than have GitHub reject it.
    if (summary.length > max) summary = `${summary.slice(0, Math.max(0, max - 2))}…\n`;
  }
  return { summary, conclusion: conclusionOf(result.findings, ctx.failOn), title: checkRunTitle(result) };
}
