import { describe, expect, it } from 'vitest';
import { selectFiles } from '../../src/config/index.js';

const PATHS = ['src/app.ts', 'src/routes/emails.ts', 'src/routes/emails.test.ts', 'scripts/seed.ts', '.github/scripts/release.js', 'legacy/old.js'];

describe('selectFiles', () => {
  it('keeps every path with no include and no exclude', () => {
    expect(selectFiles(PATHS, { include: [], exclude: [] })).toEqual(PATHS);
  });

  it('keeps only what include matches', () => {
    expect(selectFiles(PATHS, { include: ['src/**'], exclude: [] })).toEqual(['src/app.ts', 'src/routes/emails.ts', 'src/routes/emails.test.ts']);
  });

  it('drops what exclude matches, even when include names it', () => {
    expect(selectFiles(PATHS, { include: ['src/**'], exclude: ['**/*.test.ts'] })).toEqual(['src/app.ts', 'src/routes/emails.ts']);
  });

  it('takes several globs, and `*` stays inside one folder', () => {
    expect(selectFiles(PATHS, { include: ['src/*.ts', 'scripts/**'], exclude: [] })).toEqual(['src/app.ts', 'scripts/seed.ts']);
  });

  it('matches files in dot-folders', () => {
    expect(selectFiles(PATHS, { include: ['.github/**'], exclude: [] })).toEqual(['.github/scripts/release.js']);
    expect(selectFiles(PATHS, { include: [], exclude: ['**/*.js'] })).not.toContain('.github/scripts/release.js');
  });

  it('reads `./src/**` as `src/**`', () => {
    expect(selectFiles(PATHS, { include: ['./legacy/**'], exclude: [] })).toEqual(['legacy/old.js']);
  });

  it('reads brace lists as picomatch does', () => {
    expect(selectFiles(PATHS, { include: ['{scripts,legacy}/**'], exclude: [] })).toEqual(['scripts/seed.ts', 'legacy/old.js']);
  });
});
