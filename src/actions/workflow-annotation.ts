import type { Finding, Severity } from '../engine/index.js';

/** The workflow command per severity: GitHub marks `error` red, `warning` yellow, `notice` blue. */
const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = {
  critical: 'error',
  moderate: 'warning',
  minor: 'notice',
};

/**
 * A finding as a workflow command the runner turns into an annotation on the file and lines, which
 * the pull request shows like a check run's: what a job can still do with a read-only token.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
export function workflowAnnotation(finding: Finding): string {
  const properties = [
    `file=${escapeProperty(finding.path)}`,
    `line=${finding.line}`,
    `endLine=${Math.max(finding.line, finding.endLine)}`,
    `title=${escapeProperty(finding.rule)}`,
  ].join(',');
  return `::${COMMANDS[finding.severity]} ${properties}::${escapeData(finding.message)}`;
}

/** The command's message: a raw newline would end the command, and `%` starts an escape. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: `:` would end the properties and `,` start the next one. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
