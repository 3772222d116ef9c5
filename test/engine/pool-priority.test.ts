import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ANALYSIS_NICE_INCREMENT, analysisPoolOptions, canLowerPriority, closeAnalysisPool, reviewOffThread } from '../../src/engine/pool/review-off-thread.js';

afterAll(() => closeAnalysisPool());

const missing = (module: string): string => {
  throw Object.assign(new Error(`Cannot find module '${module}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('analysisPoolOptions', () => {
  it('runs the threads below the event loop when they can lower their priority', () => {
    const options = analysisPoolOptions({ filename: 'worker.js', threads: 3, lowerPriority: true });
    expect(options).toMatchObject({ filename: 'worker.js', maxThreads: 3, minThreads: 0, niceIncrement: ANALYSIS_NICE_INCREMENT });
    // Lower than the event loop, and still above the idle floor: analysis must go on under load.
    expect(ANALYSIS_NICE_INCREMENT).toBeGreaterThan(0);
    expect(ANALYSIS_NICE_INCREMENT).toBeLessThan(19);
  });

  it('asks for no priority change where the threads cannot make one', () => {
    expect(analysisPoolOptions({ filename: 'worker.js', threads: 1, lowerPriority: false })).not.toHaveProperty('niceIncrement');
  });
});

describe('canLowerPriority', () => {
  it('is true on Unix with the optional module installed', () => {
    expect(canLowerPriority('linux', (module) => `/node_modules/${module}/nice.js`)).toBe(true);
  });

  it('is false without the module (an unsupported platform, or optional dependencies left out)', () => {
    expect(canLowerPriority('linux', missing)).toBe(false);
  });

  it('is false on Windows, where nice increments are not what a thread priority takes', () => {
    expect(canLowerPriority('win32', (module) => module)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('finds the module this install has (an optional dependency with prebuilt binaries)', () => {
    expect(canLowerPriority()).toBe(true);
  });
});

/** Nice values of this process's threads, from /proc (Linux only). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((thread) => {
    const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, nice field 19.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('the analysis pool on Linux', () => {
  it.skipIf(process.platform !== 'linux')('runs its thread at the lower priority, and the event loop at its own', async () => {
    const own = threadNiceValues()[0]!;
    const result = await reviewOffThread([{ path: 'a.ts', content: 'export const a = 1;\n' }], { mode: 'all' });
    expect(result.analysed).toEqual(['a.ts']);
    const values = threadNiceValues();
    // The first task is the process's main thread: its priority is untouched.
    expect(values[0]).toBe(own);
    expect(values).toContain(Math.min(own + ANALYSIS_NICE_INCREMENT, 19));
  });
});
