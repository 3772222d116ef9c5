import type { RenderedReview, ReviewResult, SummaryContext } from './types.js';

/** Renders a review result for every front end. (Placeholder until the renderer lands.) */
export function renderReview(result: ReviewResult, ctx: SummaryContext): RenderedReview {
  void ctx;
  return { summary: `${result.findings.length} findings`, conclusion: 'success', title: '' };
}
