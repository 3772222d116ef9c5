import type { Severity } from '../engine/index.js';

/** Headings of the template's three severity sections, most severe first. */
export const SEVERITY_HEADING: Record<Severity, string> = { critical: 'Critical', moderate: 'Moderate', minor: 'Minor' };

export const SEVERITY_EMOJI: Record<Severity, string> = { critical: '🔴', moderate: '🟠', minor: '🟡' };

/** A table cell: a `|` would end the cell and a newline the row. */
export function tableCell(text: string): string {
  return text.replace(/\r?\n/g, '<br>').replace(/\|/g, '\\|');
}

/** Text inside a list item or heading: a newline would end it. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Inline code that survives backticks in its content (CommonMark: a longer fence, padded). */
export function codeSpan(text: string): string {
  const longest = longestBacktickRun(text);
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fencedBlock(info: string, content: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}${info}\n${content.replace(/\r?\n$/, '')}\n${fence}`;
}

/** A link whose destination may hold spaces or parentheses (CommonMark's `<…>` form). */
export function link(text: string, url: string): string {
  const destination = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  return `[${text}](${destination})`;
}

/** `1 finding`, `3 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}
