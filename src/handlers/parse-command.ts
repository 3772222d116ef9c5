import type { ReviewMode } from '../engine/index.js';

export const REVIEW_COMMAND = '/perf-review';

export type Command = { kind: 'review'; mode: ReviewMode } | { kind: 'help'; unknown?: string };

/** What `/perf-review` followed by at most one word asks for, on the first line of a comment. */
export function parseCommand(body: string): Command | undefined {
  const firstLine = (body.split(/\r?\n/, 1)[0] ?? '').trim();
  const match = /^\/perf-review(?:\s+(\S+))?$/.exec(firstLine);
  if (!match) return undefined;
  const word = match[1];
  if (word === undefined) return { kind: 'review', mode: 'changed' };
  if (word.toLowerCase() === 'full') return { kind: 'review', mode: 'all' };
  if (word.toLowerCase() === 'help') return { kind: 'help' };
  return { kind: 'help', unknown: word };
}

/** The reply to `/perf-review help`, and to a command the App does not know. */
export function commandUsage(unknown?: string): string {
  return [
    ...(unknown !== undefined ? [`\`${REVIEW_COMMAND} ${unknown.replace(/`/g, '')}\` is not a command I know.`, ''] : []),
    'Commands, on the first line of a pull request comment, from someone with write access:',
    '',
    '| command | what it does |',
    '|---|---|',
    `| \`${REVIEW_COMMAND}\` | reviews the lines this pull request changes again, now |`,
    `| \`${REVIEW_COMMAND} full\` | reviews every line of the changed files; inline comments still go on diff lines only, the rest are listed in the summary |`,
    `| \`${REVIEW_COMMAND} help\` | this list |`,
    '',
    'Settings live in `.github/perf-review.yml` on the default branch. To silence one finding, put `// perf-review-disable-next-line <rule-id> -- <reason>` above its line.',
  ].join('\n');
}
