import { SEVERITIES, type ReviewResult } from '../engine/index.js';
import { plural } from './markdown.js';

/** One line for a check run title: the counts that matter, or what was looked at when nothing was found. */
export function checkRunTitle(result: ReviewResult): string {
  const total = result.findings.length;
  if (total > 0) {
    const counts = SEVERITIES.map((severity) => [severity, result.findings.filter((f) => f.severity === severity).length] as const)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}`);
    return `${counts.join(', ')} ${total === 1 ? 'finding' : 'findings'}`;
  }
  const files = result.analysed.length;
  const skipped = result.skipped.length > 0 ? ` (${result.skipped.length} skipped)` : '';
  if (files === 0) return result.skipped.length > 0 ? `No file could be analysed${skipped}` : 'No analysable files to review';
  return `No performance problems found in ${plural(files, 'file')}${skipped}`;
}
