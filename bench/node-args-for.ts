import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from './repo-root.js';

/**
 * The arguments that run a bench module in a new Node process. Compiled, it is plain JavaScript;
 * from TypeScript sources (the tests), the child first registers the loader the analysis pool uses
 * for its threads, since Node 20 cannot load .ts by itself.
 */
export function nodeArgsFor(module: URL, args: readonly string[] = []): string[] {
  const path = fileURLToPath(module);
  if (!path.endsWith('.ts')) return [path, ...args];
  const hooks = pathToFileURL(join(repoRoot(), 'src', 'engine', 'pool', 'typescript-hooks.mjs')).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path, ...args];
}

/** A sibling module of the caller, with the caller's own extension (.ts from sources, .js compiled). */
export function siblingModule(caller: string, name: string): URL {
  return new URL(`./${name}${caller.endsWith('.ts') ? '.ts' : '.js'}`, caller);
}
