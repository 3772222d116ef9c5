import picomatch from 'picomatch';
import type { PerfReviewConfig } from './types.js';

/**
 * The paths the configuration asks to review: those `include` matches (every path when it is
 * empty) that `exclude` does not. Paths are relative to the repository root with `/` separators.
 * Globs follow picomatch: `*` stays within a folder, `**` crosses folders, dot-folders match.
 */
export function selectFiles(paths: readonly string[], config: Pick<PerfReviewConfig, 'include' | 'exclude'>): string[] {
  const included = matcher(config.include);
  const excluded = matcher(config.exclude);
  return paths.filter((path) => (included?.(path) ?? true) && !(excluded?.(path) ?? false));
}

function matcher(globs: readonly string[]): ((path: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  // `./src/**` is how many people write a path from the root; picomatch would never match it.
  return picomatch(globs.map((glob) => glob.replace(/^\.\//, '')), { dot: true });
}
