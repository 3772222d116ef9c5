import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import nodePlugin from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';
import type { GeneratedFile, PeerFinding, PeerRule } from './generate-repository.js';
import { repoRoot } from './repo-root.js';
import { round } from './time-runs.js';
import { VENDOR_TYPES } from './vendor-types.js';

/** The nearest ESLint equivalents of perf-review's loop, blocking-call and dropped-promise rules. */
export const PEER_RULES: readonly PeerRule[] = ['no-await-in-loop', 'n/no-sync', '@typescript-eslint/no-floating-promises'];

export interface PeerRun {
  durationMs: number;
  files: number;
  findings: PeerFinding[];
}

/**
 * A throw-away project on disk, as a developer would have it: the generated files, a tsconfig, the
 * Node types of this repository and declarations of the imported libraries. Typed linting needs
 * the files on disk; each run gets its own folder so no cached program is reused.
 */
export async function writePeerProject(files: readonly GeneratedFile[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'perf-review-bench-'));
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      typeRoots: [join(repoRoot(), 'node_modules', '@types')],
      types: ['node'],
    },
    include: ['src', 'types'],
  };
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: 'generated-email-platform', private: true, type: 'module' }));
  await writeFile(join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  await mkdir(join(root, 'types'));
  await writeFile(join(root, 'types', 'vendor.d.ts'), VENDOR_TYPES);
  for (const file of files) {
    await mkdir(dirname(join(root, file.path)), { recursive: true });
    await writeFile(join(root, file.path), file.content);
  }
  return root;
}

export async function removePeerProject(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

/** Lints `paths` (relative to the project) with the peer rules and type information from the project service. */
export async function runEslintPeer(root: string, paths: readonly string[]): Promise<PeerRun> {
  const started = performance.now();
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: peerConfig(root),
    cache: false,
  });
  const results = await eslint.lintFiles([...paths]);
  const durationMs = round(performance.now() - started);
  const findings: PeerFinding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`ESLint could not parse ${result.filePath}: ${message.message}`);
      if (!PEER_RULES.includes(message.ruleId as PeerRule)) continue;
      findings.push({ path: relative(root, result.filePath).replace(/\\/g, '/'), line: message.line, rule: message.ruleId as PeerRule });
    }
  }
  return { durationMs, files: results.length, findings };
}

function peerConfig(root: string): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
      plugins: {
        n: nodePlugin,
        // typescript-eslint's plugin type predates ESLint 9's Plugin type; the objects are compatible.
        '@typescript-eslint': tseslint.plugin as unknown as NonNullable<Linter.Config['plugins']>[string],
      },
      rules: Object.fromEntries(PEER_RULES.map((rule) => [rule, 'error'])),
    },
  ];
}
