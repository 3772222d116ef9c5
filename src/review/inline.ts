import { checklistItem } from '../engine/checklist.js';
import type { Finding } from '../engine/index.js';
import { fingerprintMarker } from './markers.js';
import { SEVERITY_EMOJI, SEVERITY_HEADING, codeSpan, fencedBlock, link } from './markdown.js';

/**
 * The body of one inline review comment. The message says what is wrong, what it costs and what
 * to do; the fingerprint marker at the end lets the App recognise the comment on the next push.
 */
export function renderInlineComment(finding: Finding, docsUrl: string): string {
  const item = checklistItem(finding.checklist);
  const out = [
    `${SEVERITY_EMOJI[finding.severity]} **${SEVERITY_HEADING[finding.severity]}** · ${link(codeSpan(finding.rule), docsUrl)}${item ? ` · ${item.text}` : ''}`,
    '',
    finding.message.trim(),
  ];
  if (finding.fix !== undefined) out.push('', fencedBlock('suggestion', finding.fix));
  out.push(
    '',
    `<sub>${link('Why and how to fix', docsUrl)} · silence with ${codeSpan(`// perf-review-disable-next-line ${finding.rule} -- <reason>`)}</sub>`,
    '',
    fingerprintMarker(finding.fingerprint),
  );
  return out.join('\n');
}
