import { SEVERITIES, type ReviewResult } from '../engine/index.js';
import { conclusionOf } from './conclusion.js';
import { plural } from './markdown.js';
import type { FailOn } from './types.js';

/**
 * The terminal format: `path:line:column  severity  rule  message` (editors and terminals turn
 * `path:line:column` into a link), skipped files, then a one-line total.
 */
export function renderText(result: ReviewResult, options: { failOn: FailOn }): string {
  const rows = result.findings.map((f) => [`${f.path}:${f.line}:${f.column}`, f.severity, f.rule, f.message.replace(/\s*\r?\n\s*/g, ' ')] as const);
  const width = [0, 1, 2].map((column) => Math.max(0, ...rows.map((row) => row[column]!.length)));
  const out = rows.map((row) => `${row[0].padEnd(width[0]!)}  ${row[1].padEnd(width[1]!)}  ${row[2].padEnd(width[2]!)}  ${row[3]}`);
  for (const skipped of result.skipped) out.push(`skipped  ${skipped.path}  ${skipped.reason}`);
  if (out.length > 0) out.push('');
  out.push(total(result, options.failOn));
  return `${out.join('\n')}\n`;
}

function total(result: ReviewResult, failOn: FailOn): string {
  const files = plural(result.analysed.length, 'file');
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : '';
  if (result.findings.length === 0) {
    if (result.analysed.length === 0 && result.skipped.length === 0) return 'No analysable files found.';
    return `No performance problems found in ${files}${skipped}.`;
  }
  const counts = SEVERITIES.map((severity) => `${result.findings.filter((f) => f.severity === severity).length} ${severity}`).join(', ');
  const verdict = failOn === 'none' ? 'fail-on none' : conclusionOf(result.findings, failOn) === 'failure' ? `fails --fail-on ${failOn}` : `passes --fail-on ${failOn}`;
  return `${plural(result.findings.length, 'finding')} (${counts}) in ${files}${skipped}; ${verdict}.`;
}
