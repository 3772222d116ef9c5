import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateRepository } from '../../bench/generate-repository.js';

describe('generateRepository', () => {
  it('replays: the same seed gives the same files, another seed other files', () => {
    const a = generateRepository(60, DEFAULT_SEED);
    expect(generateRepository(60, DEFAULT_SEED)).toEqual(a);
    expect(generateRepository(60, DEFAULT_SEED + 1).files.map((f) => f.content)).not.toEqual(a.files.map((f) => f.content));
  });

  it('makes as many files as asked, with distinct paths, and counts their lines', () => {
    const repository = generateRepository(200);
    expect(repository.files).toHaveLength(200);
    expect(new Set(repository.files.map((f) => f.path)).size).toBe(200);
    for (const file of repository.files) expect(file.lines).toBe(file.content.split('\n').length - 1);
    expect(repository.lines).toBe(repository.files.reduce((sum, f) => sum + f.lines, 0));
  });

  it('writes an email platform of about 80 lines a file: routes, services, workers, schema, config', () => {
    const repository = generateRepository(300);
    const kinds = new Set(repository.files.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['config', 'route', 'schema', 'service', 'support', 'worker']);
    expect(repository.lines / repository.files.length).toBeGreaterThan(65);
    expect(repository.lines / repository.files.length).toBeLessThan(95);
  });

  it('records each seeded problem on the line that holds it, and leaves no marker in the code', () => {
    const repository = generateRepository(300);
    const byPath = new Map(repository.files.map((f) => [f.path, f.content.split('\n')]));
    expect(repository.problems.length).toBeGreaterThan(50);
    // Mostly clean code: problems are the exception.
    expect(repository.problems.length).toBeLessThan(repository.files.length);
    for (const problem of [...repository.problems, ...repository.peerFindings]) {
      expect(byPath.get(problem.path)?.[problem.line - 1], `${problem.path}:${problem.line}`).toMatch(/\S/);
    }
    for (const file of repository.files) expect(file.content).not.toMatch(/#[PE]\(/);
    const seededRules = new Set(repository.problems.map((p) => p.rule));
    expect(seededRules.size).toBeGreaterThanOrEqual(6);
  });
});
