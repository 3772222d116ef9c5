import { relative, sep } from 'node:path';

/** A path as the contract prints it: relative to the working directory, with `/` separators. */
export function relativePath(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}
