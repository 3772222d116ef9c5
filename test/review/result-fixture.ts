import { CHECKLIST } from '../../src/engine/checklist.js';
import type { ChecklistResult, ChecklistStatus, Finding, ReviewResult } from '../../src/engine/index.js';
import type { SummaryContext } from '../../src/review/types.js';

/** A finding as the engine would produce it; tests override what they look at. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'no-query-in-loop',
    checklist: 'db.n-plus-one',
    severity: 'critical',
    path: 'src/emails.ts',
    line: 14,
    column: 5,
    endLine: 15,
    message:
      'Each `email` runs its own `select` query (N+1): 100 items cost 101 round-trips, one after another. Load them in one query before the loop (`inArray(...)`, `WHERE id = ANY($1)` or a join) and group the rows in memory.',
    messageId: 'sequential',
    fingerprint: '0123456789abcdef',
    ...overrides,
  };
}

/** A result whose checklist has the given statuses (default: every item manual, as with no rules). */
export function result(findings: Finding[], statuses: Partial<Record<string, ChecklistStatus>> = {}, extra: Partial<ReviewResult> = {}): ReviewResult {
  const checklist: ChecklistResult[] = CHECKLIST.map((item) => {
    const count = findings.filter((f) => f.checklist === item.id).length;
    const status = statuses[item.id] ?? (count > 0 ? 'attention' : 'manual');
    return { id: item.id, text: item.text, status, count, manual: item.manual, rules: status === 'manual' ? [] : ['some-rule'] };
  });
  return {
    mode: 'changed',
    findings,
    analysed: ['src/emails.ts', 'src/worker.ts', 'src/routes.ts'],
    skipped: [],
    checklist,
    stats: { files: 3, lines: 120, durationMs: 12 },
    ...extra,
  };
}

export const ctx: SummaryContext = {
  title: 'src/emails.ts, src/worker.ts',
  date: '2025-03-14',
  linkTo: (path, line) => `https://github.com/acme/mail/blob/abc123/${path}#L${line}`,
  docsUrl: (ruleId) => `https://docs.example/rules/${ruleId}.md`,
  failOn: 'critical',
};
