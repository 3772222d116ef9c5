/**
 * Inline suppressions (contract): `// perf-review-disable-next-line <rule-id> -- <reason>` and
 * `// perf-review-disable-line <rule-id> -- <reason>`. Ids may be rule ids or checklist ids,
 * comma- or space-separated; no id silences every rule on that line.
 */
const DIRECTIVE = /perf-review-disable-(next-line|line)\b([^\n]*)/;

export type Suppressions = Map<number, Set<string> | 'all'>;

export function parseSuppressions(content: string): Suppressions {
  const result: Suppressions = new Map();
  if (!content.includes('perf-review-disable')) return result;
  const lines = content.split('\n');
  lines.forEach((text, index) => {
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const target = match[1] === 'next-line' ? index + 2 : index + 1;
    const spec = match[2]!.split('--')[0]!.replace(/\*\/.*$/, '').trim();
    const ids = spec.split(/[\s,]+/).filter(Boolean);
    const previous = result.get(target);
    if (ids.length === 0 || previous === 'all') result.set(target, 'all');
    else result.set(target, new Set([...(previous ?? []), ...ids]));
  });
  return result;
}

export function isSuppressed(suppressions: Suppressions, line: number, rule: string, checklist: string): boolean {
  const entry = suppressions.get(line);
  if (!entry) return false;
  return entry === 'all' || entry.has(rule) || entry.has(checklist);
}
