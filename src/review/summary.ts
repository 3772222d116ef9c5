import { checklistItem } from '../engine/checklist.js';
import { SEVERITIES, severityRank, type ChecklistResult, type Finding, type ReviewResult, type Severity } from '../engine/index.js';
import { adviceOf } from './advice.js';
import { reachesFailOn } from './conclusion.js';
import { SUMMARY_MARKER } from './markers.js';
import { SEVERITY_HEADING, codeSpan, link, oneLine, plural, tableCell } from './markdown.js';
import type { SummaryContext } from './types.js';

/** The template's metrics table header, verbatim from the specification. */
export const METRICS_HEADER = '| Query/Operation | Current | Target | Status |';

/**
 * The summary comment in the specification's output template. `listLimit` caps every list (findings
 * per severity, metrics rows, actions) so a caller can shrink a summary that is too long for GitHub.
 */
export function renderSummary(result: ReviewResult, ctx: SummaryContext, listLimit = Infinity): string {
  const findings = bySeverity(result.findings);
  const out: string[] = [
    SUMMARY_MARKER,
    `# Performance Review: ${oneLine(ctx.title)}`,
    '',
    `**Date:** ${ctx.date}`,
    '',
    '**Reviewer:** Performance Agent',
    '',
    '## Executive Summary',
    '',
    executiveSummary(result, ctx),
    '',
    '## Findings',
    '',
  ];

  for (const severity of SEVERITIES) {
    const items = findings.filter((f) => f.severity === severity);
    out.push(`### ${SEVERITY_HEADING[severity]}`, '');
    out.push(...(items.length === 0 ? ['None.'] : capped(items.map((f) => `- ${findingLine(f, ctx)}`), listLimit)), '');
  }

  if (result.skipped.length > 0) {
    out.push('### Files not analysed', '');
    out.push(...capped(result.skipped.map((s) => `- ${codeSpan(s.path)}: ${oneLine(s.reason)}`), listLimit), '');
  }
  if (ctx.notInline && ctx.notInline.length > 0) {
    out.push('### Not commented inline', '');
    const items = ctx.notInline.map(({ finding, reason }) => `- ${findingLine(finding, ctx)} (${oneLine(reason)})`);
    out.push(...capped(items, listLimit), '');
  }
  if (ctx.notes && ctx.notes.length > 0) {
    out.push('### Notes', '', ...ctx.notes.map((note) => `- ${oneLine(note)}`), '');
  }

  out.push('## Checklist Results', '');
  for (const [section, items] of bySection(result.checklist)) {
    out.push(`### ${section}`, '', ...items.map(checklistLine), '');
  }

  out.push('## Performance Metrics', '');
  const measured = findings.filter((f) => f.metric);
  if (measured.length === 0) {
    out.push('Nothing measurable was flagged: no finding carries a static figure, and this review does not time queries.', '');
  } else {
    out.push(METRICS_HEADER, '|-----------------|---------|--------|--------|');
    const rows = measured.map((f) => `| ${tableCell(f.metric!.operation)} | ${tableCell(f.metric!.current)} | ${tableCell(f.metric!.target)} | Needs work |`);
    out.push(...capped(rows, listLimit, (line) => `| ${tableCell(line)} | | | |`), '');
  }

  out.push('## Recommended Actions', '');
  if (findings.length === 0) {
    out.push('No finding to fix. The checklist items marked "manual check" are for a person to look at before merging.');
  } else {
    const actions = findings.map((f, i) => `${i + 1}. ${actionLine(f, ctx)}`);
    out.push(...capped(actions, listLimit));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Most severe first, then by place, so lists and numbered actions read in priority order. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column,
  );
}

function executiveSummary(result: ReviewResult, ctx: SummaryContext): string {
  const files = result.analysed.length;
  const scope = `${result.mode === 'changed' ? 'the changed lines of ' : ''}${plural(files, 'analysed file')}`;
  const skipped = result.skipped.length > 0 ? ` (${plural(result.skipped.length, 'file')} skipped)` : '';
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  const first =
    result.findings.length === 0
      ? `No performance problems found in ${scope}${skipped}.`
      : `${plural(result.findings.length, 'finding')} (${SEVERITIES.map((s) => `${count(s)} ${s}`).join(', ')}) in ${scope}${skipped}.`;
  if (ctx.failOn === 'none') return `${first} The merge gate is off (\`failOn: none\`), so the check passes.`;
  const failing = result.findings.filter((f) => reachesFailOn(f.severity, ctx.failOn)).length;
  const gate = `\`failOn: ${ctx.failOn}\``;
  return failing > 0
    ? `${first} ${failing === 1 ? '1 finding reaches' : `${failing} findings reach`} the merge gate (${gate}), so the check fails.`
    : `${first} Nothing reaches the merge gate (${gate}), so the check passes.`;
}

function place(f: Finding, ctx: SummaryContext): string {
  return link(codeSpan(`${f.path}:${f.line}`), ctx.linkTo(f.path, f.line));
}

function findingLine(f: Finding, ctx: SummaryContext): string {
  return `${place(f, ctx)} ${link(codeSpan(f.rule), ctx.docsUrl(f.rule))}: ${oneLine(f.message)}`;
}

function actionLine(f: Finding, ctx: SummaryContext): string {
  return `**${SEVERITY_HEADING[f.severity]}** ${place(f, ctx)}: ${oneLine(adviceOf(f.message))}`;
}

/** Only a rule that looked and found nothing earns `[x]`; everything else stays unticked and says why. */
function checklistLine(item: ChecklistResult): string {
  switch (item.status) {
    case 'passed':
      return `- [x] ${item.text}`;
    case 'attention':
      return `- [ ] ${item.text} - NEEDS ATTENTION (${item.count})`;
    case 'not-applicable':
      return `- [ ] ${item.text} - not applicable to this change`;
    case 'manual':
      return `- [ ] ${item.text} - manual check: ${oneLine(item.manual)}`;
  }
}

/** The specification's sections (Database Queries, Connection Pooling …) in checklist order. */
function bySection(items: readonly ChecklistResult[]): Map<string, ChecklistResult[]> {
  const sections = new Map<string, ChecklistResult[]>();
  for (const item of items) {
    const section = checklistItem(item.id)?.section ?? 'Other';
    sections.set(section, [...(sections.get(section) ?? []), item]);
  }
  return sections;
}

function capped(lines: string[], limit: number, more: (text: string) => string = (text) => `- ${text}`): string[] {
  if (lines.length <= limit) return lines;
  const left = lines.length - limit;
  return [...lines.slice(0, limit), more(`…and ${left} more, left out to keep this comment within GitHub's size limit.`)];
}
