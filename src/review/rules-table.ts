import { CHECKLIST } from '../engine/checklist.js';
import type { Rule } from '../engine/rule.js';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** The README's rule list: every checklist item in the specification's order, with its rules. */
export function renderRulesTable(rules: readonly Rule[]): string {
  const lines = ['| checklist item | id | rule | severity | what it reports |', '|---|---|---|---|---|'];
  for (const item of CHECKLIST) {
    for (const rule of rules.filter((r) => r.checklist === item.id)) {
      lines.push(`| ${item.text} | \`${item.id}\` | [${rule.id}](docs/rules/${rule.id}.md) | ${rule.severity} | ${rule.docs.description} |`);
    }
  }
  return lines.join('\n');
}

/** README text with the block between the markers replaced by the current table. */
export function withRulesTable(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + RULES_START.length)}\n${renderRulesTable(rules)}\n${readme.slice(end)}`;
}
