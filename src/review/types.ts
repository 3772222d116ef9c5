import type { Finding, ReviewResult, Severity } from '../engine/index.js';

export type FailOn = Severity | 'none';

/** What the summary needs besides the result: who it is for and how to link to code. */
export interface SummaryContext {
  /** `# Performance Review: <title>`: the files or area reviewed. */
  title: string;
  /** ISO date (YYYY-MM-DD) of the review. */
  date: string;
  /** A link to a line of a file (the head commit's blob on GitHub, or a relative path locally). */
  linkTo(path: string, line: number): string;
  /** A link to a rule's doc page. */
  docsUrl(ruleId: string): string;
  failOn: FailOn;
  /** Findings that could not be posted inline, listed in the summary instead (with why). */
  notInline?: { finding: Finding; reason: string }[];
  /** Extra sentences for the person reading (degraded permissions, limits reached). */
  notes?: string[];
  /**
   * The most characters the summary may have (GitHub caps comment bodies and check-run summaries).
   * Long lists are shortened, most severe findings kept, until it fits. Absent: no limit.
   */
  maxLength?: number;
}

export interface RenderedReview {
  summary: string;
  conclusion: 'success' | 'failure';
  /** One sentence for the check run title. */
  title: string;
}

export type { Finding, ReviewResult };
