import { describe, expect, it } from 'vitest';
import { conclusionOf, reachesFailOn } from '../../src/review/conclusion.js';
import type { FailOn } from '../../src/review/types.js';
import { finding } from './result-fixture.js';

const critical = finding({ severity: 'critical' });
const moderate = finding({ severity: 'moderate' });
const minor = finding({ severity: 'minor' });

describe('conclusionOf', () => {
  // Each row: the gate, then the verdict for a critical, a moderate and a minor finding alone.
  const table: [FailOn, string, string, string][] = [
    ['critical', 'failure', 'success', 'success'],
    ['moderate', 'failure', 'failure', 'success'],
    ['minor', 'failure', 'failure', 'failure'],
    ['none', 'success', 'success', 'success'],
  ];
  for (const [failOn, onCritical, onModerate, onMinor] of table) {
    it(`failOn ${failOn}`, () => {
      expect(conclusionOf([critical], failOn)).toBe(onCritical);
      expect(conclusionOf([moderate], failOn)).toBe(onModerate);
      expect(conclusionOf([minor], failOn)).toBe(onMinor);
      expect(conclusionOf([], failOn)).toBe('success');
    });
  }

  it('one finding at the gate is enough among many below it', () => {
    expect(conclusionOf([minor, minor, moderate], 'moderate')).toBe('failure');
  });

  it('none never fails, whatever the severity', () => {
    expect(reachesFailOn('critical', 'none')).toBe(false);
  });
});
