/** Where rule docs live when neither the caller nor `PERF_REVIEW_DOCS_URL` says otherwise. */
export const DEFAULT_DOCS_BASE = 'https://github.com/perf-review/perf-review/blob/main/docs/rules/';

/** The doc page of a rule; a self-hosted install points `PERF_REVIEW_DOCS_URL` at its own copy. */
export function docsUrlFor(ruleId: string, base: string = process.env.PERF_REVIEW_DOCS_URL ?? DEFAULT_DOCS_BASE): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(ruleId)}.md`;
}
