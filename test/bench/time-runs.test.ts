import { describe, expect, it } from 'vitest';
import { median, timeInTurn } from '../../bench/time-runs.js';

describe('timeInTurn', () => {
  it('runs two measures once each untimed, then in turn, and gives the ratio of each pair', async () => {
    const order: string[] = [];
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const timed = await timeInTurn(
      3,
      () => {
        order.push('a');
        busy(6);
      },
      () => {
        order.push('b');
        busy(2);
      },
    );
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(timed.a.runsMs).toHaveLength(3);
    expect(timed.b.runsMs).toHaveLength(3);
    expect(timed.ratios).toEqual(timed.a.runsMs.map((ms, i) => Math.round((ms / timed.b.runsMs[i]!) * 100) / 100));
    expect(timed.cpuRatios).toHaveLength(3);
    expect(timed.a.minMs).toBeGreaterThanOrEqual(6);
  });
});

describe('median', () => {
  it('keeps milliseconds to one decimal and ratios to two', () => {
    expect(median([4.71, 5.2, 3.9])).toBe(4.7);
    // A ratio of 1.15 is not reported as 1.2.
    expect(median([1.15, 1.1, 1.3], 2)).toBe(1.15);
    expect(median([1.14, 1.16], 2)).toBe(1.15);
  });
});
