import { severityRank, type Finding, type Severity } from '../engine/index.js';
import type { FailOn } from './types.js';

/** Whether a finding of this severity reaches the gate: critical > moderate > minor; `none` never does. */
export function reachesFailOn(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && severityRank(severity) >= severityRank(failOn);
}

/** The check run's verdict: a failure gates the merge, so only findings at or above `failOn` cause one. */
export function conclusionOf(findings: readonly Finding[], failOn: FailOn): 'success' | 'failure' {
  return findings.some((finding) => reachesFailOn(finding.severity, failOn)) ? 'failure' : 'success';
}
