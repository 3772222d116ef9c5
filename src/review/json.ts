import type { ChecklistResult, Finding, Metric, ReviewResult, SkippedFile } from '../engine/index.js';
import { conclusionOf } from './conclusion.js';
import type { FailOn } from './types.js';

/** One finding in the contract's JSON: its eight fields first, then what else is known. */
export interface JsonFinding {
  rule: string;
  checklist: string;
  severity: Finding['severity'];
  path: string;
  line: number;
  column: number;
  endLine: number;
  message: string;
  messageId: string;
  fingerprint: string;
  metric?: Metric;
  fix?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  checklist: ChecklistResult[];
  skipped: SkippedFile[];
  analysed: string[];
  stats: ReviewResult['stats'];
  mode: ReviewResult['mode'];
  failOn: FailOn;
  conclusion: 'success' | 'failure';
}

export function toJsonReport(result: ReviewResult, options: { failOn: FailOn }): JsonReport {
  return {
    findings: result.findings.map((f) => ({
      rule: f.rule,
      checklist: f.checklist,
      severity: f.severity,
      path: f.path,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      message: f.message,
      messageId: f.messageId,
      fingerprint: f.fingerprint,
      ...(f.metric ? { metric: f.metric } : {}),
      ...(f.fix !== undefined ? { fix: f.fix } : {}),
    })),
    checklist: result.checklist,
    skipped: result.skipped,
    analysed: result.analysed,
    stats: result.stats,
    mode: result.mode,
    failOn: options.failOn,
    conclusion: conclusionOf(result.findings, options.failOn),
  };
}

/** The CLI's `--format json`: one object, as the contract describes. */
export function renderJson(result: ReviewResult, options: { failOn: FailOn }): string {
  return `${JSON.stringify(toJsonReport(result, options), null, 2)}\n`;
}
