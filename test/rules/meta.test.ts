import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { checklistItem } from '../../src/engine/checklist.js';
import { RULES } from '../../src/rules/index.js';
import { run } from '../helpers/rule-tester.js';

/** Keeps each rule's four files in step: rule, registry line, table test, and doc with run examples. */
const root = join(import.meta.dirname, '..', '..');
const ruleFiles = readdirSync(join(root, 'src/rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => basename(f, '.ts'))
  .sort();

/** Code blocks under the headings marked ❌ and ✅ of a rule doc. */
export function docExamples(markdown: string): { bad: string[]; good: string[] } {
  const bad: string[] = [];
  const good: string[] = [];
  let current: string[] | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) current = line.includes('❌') ? bad : line.includes('✅') ? good : undefined;
    else if (current && /^```(ts|js|typescript|javascript)\s*$/.test(line)) {
      const end = lines.indexOf('```', i + 1);
      current.push(lines.slice(i + 1, end).join('\n'));
      i = end;
    }
  }
  return { bad, good };
}

function tableSizes(testFile: string): { valid: number; invalid: number } {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const source = project.createSourceFile('t.ts', readFileSync(testFile, 'utf8'));
  const sizes = { valid: 0, invalid: 0 };
  for (const prop of source.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    const name = prop.getName();
    const array = prop.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
    if ((name === 'valid' || name === 'invalid') && array) sizes[name] += array.getElements().length;
  }
  return sizes;
}

describe('rule catalogue', () => {
  it('the registry lists every rule file once, sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual(ruleFiles);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('names a checklist id of the contract and describes itself', () => {
        expect(checklistItem(rule.checklist)).toBeDefined();
        expect(rule.docs.description).toMatch(/^(Disallow|Require|Prefer|Enforce) /);
        expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      });

      it('has a table test with at least 4 invalid and 6 valid cases', () => {
        const file = join(root, 'test/rules', `${rule.id}.test.ts`);
        expect(existsSync(file), file).toBe(true);
        const sizes = tableSizes(file);
        expect(sizes.invalid).toBeGreaterThanOrEqual(4);
        expect(sizes.valid).toBeGreaterThanOrEqual(6);
      });

      it('has a doc page whose ❌ examples each give one finding and ✅ examples none', () => {
        const file = join(root, 'docs/rules', `${rule.id}.md`);
        expect(existsSync(file), file).toBe(true);
        const doc = readFileSync(file, 'utf8');
        expect(doc).toContain(`# ${rule.id}`);
        expect(doc).toContain(`\`${rule.checklist}\``);
        const { bad, good } = docExamples(doc);
        expect(bad.length).toBeGreaterThan(0);
        expect(good.length).toBeGreaterThan(0);
        for (const code of bad) expect(run(rule, code).length, code).toBe(1);
        for (const code of good) expect(run(rule, code), code).toEqual([]);
      });
    });
  }
});
