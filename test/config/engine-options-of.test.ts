import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, engineOptionsOf, parseConfig, type PerfReviewConfig } from '../../src/config/index.js';
import { analyse } from '../../src/engine/analyse.js';
import { review } from '../../src/engine/index.js';
import { defineRule, type RuleSettings } from '../../src/engine/rule.js';
import { N_PLUS_ONE } from '../cli/cli-harness.js';

function configOf(text: string): PerfReviewConfig {
  const parsed = parseConfig(text, { file: 'perf-review.yml' });
  if ('error' in parsed) throw new Error(parsed.error.message);
  return parsed.config;
}

const inputs = [{ path: 'src/list.ts', content: N_PLUS_ONE }];

describe('engineOptionsOf', () => {
  it('passes the mode, rules, tenant keys and batch limit', () => {
    expect(engineOptionsOf(DEFAULT_CONFIG, 'changed')).toEqual({
      mode: 'changed',
      rules: {},
      tenantKeys: DEFAULT_CONFIG.tenantKeys,
      batchLimit: 1000,
    });
  });

  it('turns a rule off by its id or by its checklist id', () => {
    expect(review(inputs, engineOptionsOf(DEFAULT_CONFIG, 'all')).findings.map((f) => f.rule)).toContain('no-query-in-loop');
    for (const text of ['rules:\n  no-query-in-loop: off\n', 'rules:\n  db.n-plus-one: off\n']) {
      expect(review(inputs, engineOptionsOf(configOf(text), 'all')).findings.map((f) => f.rule)).not.toContain('no-query-in-loop');
    }
  });

  it('gives a rule\'s findings the configured severity', () => {
    const findings = review(inputs, engineOptionsOf(configOf('rules:\n  no-query-in-loop: minor\n'), 'all')).findings;
    expect(findings.find((f) => f.rule === 'no-query-in-loop')?.severity).toBe('minor');
  });

  it('hands rules the configured tenant keys and batch limit', () => {
    const seen: RuleSettings[] = [];
    const probe = defineRule({
      id: 'probe',
      checklist: 'cache.tenant-key',
      severity: 'minor',
      docs: { description: 'Records the settings it is given.' },
      messages: {},
      applies: () => true,
      check: (_facts, ctx) => void seen.push(ctx.settings),
    });
    analyse(inputs, [probe], engineOptionsOf(configOf('tenantKeys: [companyId]\nbatchLimit: 250\n'), 'all'));
    expect(seen).toEqual([{ tenantKeys: ['companyId'], batchLimit: 250 }]);
  });
});
