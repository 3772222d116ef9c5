import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/github/bounded-map.js';
import { inTurn } from '../../src/github/in-turn.js';

describe('BoundedMap', () => {
  it('forgets the least recently written entry past its size', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([map.has('a'), map.has('b'), map.has('c'), map.size]).toEqual([true, false, true, 2]);
  });
});

describe('inTurn', () => {
  it('runs tasks of one key one after the other, and of different keys side by side', async () => {
    const events: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        events.push(`${name} start`);
        setTimeout(() => (events.push(`${name} end`), resolve(name)), ms);
      });
    const results = await Promise.all([inTurn('pr#1', task('a', 20)), inTurn('pr#1', task('b', 1)), inTurn('pr#2', task('c', 1))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'c start', 'c end', 'a end', 'b start', 'b end']);
  });

  it('runs the next task even when the one before it failed', async () => {
    const failed = inTurn('pr#3', () => Promise.reject(new Error('boom')));
    await expect(failed).rejects.toThrow('boom');
    await expect(inTurn('pr#3', async () => 'next')).resolves.toBe('next');
  });
});
