import type { Finding, Severity } from '../engine/index.js';
import type { Annotation } from './check-run.js';

const LEVELS: Record<Severity, Annotation['annotation_level']> = {
  critical: 'failure',
  moderate: 'warning',
  minor: 'notice',
};

/** Every finding as a check-run annotation, so it shows in the Files tab even off the diff. */
export function annotationsOf(findings: readonly Finding[]): Annotation[] {
  return findings.map((finding) => ({
    path: finding.path,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    annotation_level: LEVELS[finding.severity],
    message: finding.message,
    title: finding.rule,
  }));
}
