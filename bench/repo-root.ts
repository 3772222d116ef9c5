import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder, found from this file: the bench runs from its TypeScript sources (tests)
 * and from a compiled copy under node_modules/.cache, at different depths.
 */
export function repoRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'perf-review') return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the perf-review package.json above the bench');
    folder = parent;
  }
}
