import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review, type Finding } from '../src/engine/index.js';
import { isAnalysablePath } from '../src/engine/files.js';

/** Precision and recall of the whole catalogue over test/corpus (see its README). */
const corpus = join(import.meta.dirname, 'corpus');
const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;

interface Expected {
  rule: string;
  line: number;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('corpus', () => {
  it(`finds the recorded problems at precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}`, async () => {
    const areas = (await readdir(corpus, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    const expected = new Map<string, Expected[]>();
    const inputs = [];
    for (const area of areas) {
      const manifest = JSON.parse(await readFile(join(corpus, area, 'manifest.json'), 'utf8')) as { files: Record<string, Expected[]> };
      for (const file of await filesUnder(join(corpus, area))) {
        const path = relative(corpus, file).split('\\').join('/');
        if (!isAnalysablePath(path)) continue;
        const key = relative(join(corpus, area), file).split('\\').join('/');
        expect(manifest.files[key], `${area}/manifest.json must list ${key}`).toBeDefined();
        expected.set(path, manifest.files[key]!);
        inputs.push({ path, content: await readFile(file, 'utf8') });
      }
    }
    const result = review(inputs, { mode: 'all' });
    const key = (path: string, e: { rule: string; line: number }) => `${path}:${e.line}:${e.rule}`;
    const want = new Set([...expected].flatMap(([path, list]) => list.map((e) => key(path, e))));
    const got = new Set(result.findings.map((f: Finding) => key(f.path, f)));
    const truePositives = [...got].filter((k) => want.has(k));
    const falsePositives = [...got].filter((k) => !want.has(k));
    const misses = [...want].filter((k) => !got.has(k));
    const precision = got.size === 0 ? 1 : truePositives.length / got.size;
    const recall = want.size === 0 ? 1 : truePositives.length / want.size;
    const problemFiles = [...expected.values()].filter((l) => l.length > 0).length;
    console.log(
      `corpus: ${inputs.length} files (${problemFiles} with problems, ${inputs.length - problemFiles} near misses), ` +
        `${want.size} expected findings: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    if (falsePositives.length) console.log(`false positives:\n  ${falsePositives.join('\n  ')}`);
    if (misses.length) console.log(`misses:\n  ${misses.join('\n  ')}`);
    expect(precision).toBeGreaterThanOrEqual(MIN_PRECISION);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
  });
});
