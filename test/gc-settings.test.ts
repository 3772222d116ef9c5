import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The garbage collector's settings (src/gc-settings.ts) only help if they apply before the engine
 * and its dependencies allocate: each entry point of perf-review's processes imports them first.
 */
describe('the garbage-collector settings', () => {
  for (const entry of ['src/cli/main.ts', 'src/server.ts', 'src/worker.ts', 'bench/main.ts']) {
    it(`are the first import of ${entry}`, () => {
      const first = readFileSync(entry, 'utf8').match(/^import\s[^;]*;/m)?.[0];
      expect(first).toMatch(/^import '(\.\.?\/)+(src\/)?gc-settings\.js';$/);
    });
  }
});
